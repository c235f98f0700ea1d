import { ForbiddenError, isSystemActor, type RegisterContext } from '@rapport/core';
import type { SalesOptions } from './options.js';
import { SALES_PLUGIN_ID } from './plugin-id.js';

/** Roles that see every sales record, whatever `repsSeeOwnRecords` says. */
const SEE_ALL = ['admin', 'manager', 'salesManager'];

/** Entities a rep sees only when they own them. */
const OWNED = ['lead', 'deal', 'activity', 'order', 'dealStageChange'] as const;

/** Entities only the plugin writes. */
const PLUGIN_WRITTEN = ['dealStageChange', 'salesRuleState', 'salesRuleFiring'] as const;

/**
 * Roles and record rules:
 * - `salesRep`: works leads, deals and activities; reads pipelines, rules, orders, stage history
 *   and metrics; reads and adds customers and contacts (lead conversion creates them).
 * - `salesManager`: everything in sales, rules and pipelines included, and `deal:reopen`.
 * - the built-in `manager` also gets `deal:reopen` and `salesRule:run` (admins have `*:*`).
 * - with `repsSeeOwnRecords` (default), a `salesRep` (who is not also a manager) sees and writes
 *   only the leads, deals, activities, orders and stage history they own.
 * - stage history and the rules' bookkeeping are written by the plugin only (403 otherwise).
 */
export function declareAccess(ctx: RegisterContext<SalesOptions>): void {
  ctx.access.grant('salesRep', [
    'lead:read',
    'lead:create',
    'lead:update',
    'deal:read',
    'deal:create',
    'deal:update',
    'activity:read',
    'activity:create',
    'activity:update',
    'activity:delete',
    'order:read',
    'pipeline:read',
    'salesRule:read',
    'dealStageChange:read',
    'customer:read',
    'customer:create',
    'customer:update',
    'contact:read',
    'contact:create',
    'contact:update',
    'interaction:read',
    'interaction:create',
    'metric:read',
  ]);
  ctx.access.grant('salesManager', [
    'lead:*',
    'deal:*',
    'activity:*',
    'order:*',
    'pipeline:*',
    'salesRule:*',
    'dealStageChange:read',
    'customer:read',
    'customer:create',
    'customer:update',
    'contact:*',
    'interaction:read',
    'interaction:create',
    'metric:read',
  ]);
  ctx.access.grant('manager', ['deal:reopen', 'salesRule:run']);
  if (ctx.options.repsSeeOwnRecords) {
    for (const entity of OWNED) {
      ctx.access.rule({
        id: `${SALES_PLUGIN_ID}.ownRecords.${entity}`,
        entity,
        where: (actor) =>
          actor.roles.includes('salesRep') && !actor.roles.some((role) => SEE_ALL.includes(role))
            ? { ownerId: actor.id }
            : undefined,
      });
    }
  }
  for (const entity of PLUGIN_WRITTEN) {
    ctx.hooks.entity(entity).validate.tapPromise(SALES_PLUGIN_ID, async (write) => {
      if (!isSystemActor(write.actor)) {
        throw new ForbiddenError(`${entity} records are written by the sales plugin only`, {
          details: { entity, actor: write.actor.id },
        });
      }
    });
  }
}
