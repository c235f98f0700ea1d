import { ForbiddenError, isSystemActor, type RegisterContext } from '@rapport/core';
import type { LoyaltyOptions } from './options.js';
import { LOYALTY_PLUGIN_ID } from './plugin-id.js';

/**
 * Roles and write rules:
 * - `loyaltyAgent`: reads programmes, members and the ledger, enrols members, posts entries
 *   (through the service, which writes them as the plugin), records win-back attempts.
 * - `loyaltyManager`: everything in loyalty, programmes and broadcasts included.
 * - ledger entries are append-only: nobody updates or deletes one (a correction is a new entry),
 *   and only the plugin creates them; a member's balance and lots are the plugin's to write;
 *   a member with entries is not deleted (status `left` instead), one without may be.
 */
export function declareAccess(ctx: RegisterContext<LoyaltyOptions>): void {
  ctx.access.grant('loyaltyAgent', [
    'loyaltyProgramme:read',
    'loyaltyMember:read',
    'loyaltyMember:create',
    'loyaltyEntry:read',
    'loyaltyEntry:create',
    'loyaltyReward:read',
    'loyaltyRedemption:read',
    'loyaltyRedemption:update',
    'loyaltyTierChange:read',
    'loyaltyWinBack:read',
    'loyaltyWinBack:create',
    'loyaltyWinBack:update',
    'loyaltyBroadcast:read',
    'customer:read',
  ]);
  ctx.access.grant('loyaltyManager', [
    'loyaltyProgramme:*',
    'loyaltyMember:*',
    'loyaltyEntry:read',
    'loyaltyEntry:create',
    'loyaltyReward:read',
    'loyaltyRedemption:read',
    'loyaltyRedemption:update',
    'loyaltyTierChange:read',
    'loyaltyWinBack:*',
    'loyaltyBroadcast:*',
    'customer:read',
  ]);
  ctx.hooks.entity('loyaltyEntry').validate.tapPromise(LOYALTY_PLUGIN_ID, async (write) => {
    if (write.operation !== 'create') {
      throw new ForbiddenError(
        `ledger entries are append-only: a ${write.operation} is refused; post a correcting entry`,
        {
          details: { entity: 'loyaltyEntry', operation: write.operation },
        },
      );
    }
    if (!isSystemActor(write.actor)) {
      throw new ForbiddenError(
        'ledger entries are posted by the loyalty plugin only (POST /api/loyalty/earn, /redeem, /adjust)',
        {
          details: { entity: 'loyaltyEntry', actor: write.actor.id },
        },
      );
    }
  });
  for (const entity of ['loyaltyTierChange']) {
    ctx.hooks.entity(entity).validate.tapPromise(LOYALTY_PLUGIN_ID, async (write) => {
      if (!isSystemActor(write.actor)) {
        throw new ForbiddenError(`${entity} records are written by the loyalty plugin only`, {
          details: { entity, operation: write.operation },
        });
      }
    });
  }
  ctx.hooks.entity('loyaltyRedemption').validate.tapPromise(LOYALTY_PLUGIN_ID, async (write) => {
    if (!isSystemActor(write.actor)) {
      throw new ForbiddenError(
        'redemptions are written by the loyalty plugin only (POST /api/loyalty/rewards/:id/redeem)',
        {
          details: { entity: 'loyaltyRedemption', operation: write.operation },
        },
      );
    }
  });
  ctx.hooks.entity('loyaltyMember').validate.tapPromise(LOYALTY_PLUGIN_ID, async (write) => {
    const entries = (write.record as { entries?: number }).entries ?? 0;
    if (write.operation === 'delete' && !isSystemActor(write.actor) && entries > 0) {
      throw new ForbiddenError('a member with a ledger is not deleted: set status to left', {
        details: { entity: 'loyaltyMember', id: write.record.id },
      });
    }
  });
}
