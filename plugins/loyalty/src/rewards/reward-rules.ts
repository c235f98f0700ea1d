import { fieldError, type RegisterContext } from '@rapport/core';
import type { Programme } from '../entities/programme.js';
import type { Reward } from '../entities/reward.js';
import type { LoyaltyOptions } from '../options.js';
import { LOYALTY_PLUGIN_ID } from '../plugin-id.js';

/**
 * A reward's `tierRequired` names a tier of its programme (400 naming the field and the tiers
 * there are); the check at reservation (`reserveReward`) then compares ranks.
 */
export function tapRewardRules(ctx: RegisterContext<LoyaltyOptions>): void {
  ctx.hooks.entity<Reward>('loyaltyReward').validate.tapPromise(LOYALTY_PLUGIN_ID, async (write) => {
    if (write.operation === 'delete' || write.record.tierRequired === undefined) return;
    const programme = await write
      .system<Programme>('loyaltyProgramme')
      .get(write.record.programmeId)
      .catch(() => undefined);
    if (!programme) {
      throw fieldError('loyaltyReward', 'programmeId', 'loyalty.programme', 'names no programme');
    }
    const keys = (programme.tiers ?? []).map((tier) => tier.key);
    if (!keys.includes(write.record.tierRequired)) {
      throw fieldError(
        'loyaltyReward',
        'tierRequired',
        'loyalty.tier',
        keys.length === 0
          ? `is '${write.record.tierRequired}', but programme '${programme.name}' has no tiers`
          : `must be a tier of programme '${programme.name}': one of ${keys.join(', ')}`,
      );
    }
  });
}
