import type { CustomerHooks } from '@rapport/plugin-customers';
import { MESSAGING_PLUGIN_ID } from '../plugin-id.js';

/** The plugin's entities that refer to a customer by `customerId`. */
const CUSTOMER_REFERENCES = ['message', 'consent'] as const;

/**
 * Customer merge: the merged customer's messages and consent history move to the survivor, in
 * the merge's transaction. (The survivor's own latest consent per channel still decides; a merged
 * opt-out that is newer wins, as it should.)
 */
export function tapCustomerMerge(hooks: CustomerHooks): void {
  hooks.merge.tapPromise(MESSAGING_PLUGIN_ID, async (request) => {
    for (const entity of CUSTOMER_REFERENCES) await request.moveReferences(entity);
  });
}
