import type { Repository } from '@rapport/core';
import type { CustomerHooks } from '@rapport/plugin-customers';
import { SALES_PLUGIN_ID } from '../plugin-id.js';

/** The plugin's entities that refer to a customer by `customerId`. */
export const CUSTOMER_REFERENCES = ['deal', 'order', 'activity', 'lead', 'dealStageChange'] as const;

async function move(repo: Repository, from: string, to: string): Promise<number> {
  let moved = 0;
  for (;;) {
    const { items } = await repo.find({ where: { customerId: from }, limit: 200, fields: ['id'] });
    if (items.length === 0) return moved;
    for (const item of items) await repo.update(item.id, { customerId: to });
    moved += items.length;
  }
}

/**
 * Customer merge: inside the merge's transaction, moves every deal, order, activity, converted
 * lead and stage-history record of the merged customer to the survivor (as the system, so no
 * record rule leaves a reference behind) and reports the counts to the merge record.
 */
export function tapCustomerMerge(hooks: CustomerHooks): void {
  hooks.merge.tapPromise(SALES_PLUGIN_ID, async (request) => {
    for (const entity of CUSTOMER_REFERENCES) {
      const n = await move(request.write.system(entity), request.mergedId, request.survivorId);
      if (n > 0) request.moved(entity, n);
    }
  });
}
