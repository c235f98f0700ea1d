import type { Repository } from '@rapport/core';
import type { CustomerHooks } from '@rapport/plugin-customers';
import { MESSAGING_PLUGIN_ID } from '../plugin-id.js';

/** The plugin's entities that refer to a customer by `customerId`. */
const CUSTOMER_REFERENCES = ['message', 'consent'] as const;

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
 * Customer merge: the merged customer's messages and consent history move to the survivor, in
 * the merge's transaction. (The survivor's own latest consent per channel still decides; a merged
 * opt-out that is newer wins, as it should.)
 */
export function tapCustomerMerge(hooks: CustomerHooks): void {
  hooks.merge.tapPromise(MESSAGING_PLUGIN_ID, async (request) => {
    for (const entity of CUSTOMER_REFERENCES) {
      const n = await move(request.write.system(entity), request.mergedId, request.survivorId);
      if (n > 0) request.moved(entity, n);
    }
  });
}
