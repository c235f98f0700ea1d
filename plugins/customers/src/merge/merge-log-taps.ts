import { ForbiddenError, HookStage, isSystemActor, type RegisterContext } from '@rapport/core';
import type { CustomersOptions } from '../options.js';
import { CUSTOMERS_PLUGIN_ID } from '../plugin-id.js';

/** `customerMerge` records are an audit trail: only the merge itself (as the system) writes them. */
export function tapMergeLogRules(ctx: RegisterContext<CustomersOptions>): void {
  ctx.hooks
    .entity('customerMerge')
    .validate.tapPromise({ name: CUSTOMERS_PLUGIN_ID, stage: HookStage.EARLY }, async (write) => {
      if (isSystemActor(write.actor)) return;
      throw new ForbiddenError(
        `customerMerge records are written by merges only (POST /api/customers/:id/merge); they cannot be ${write.operation}d`,
        { details: { entity: 'customerMerge', action: write.operation } },
      );
    });
}
