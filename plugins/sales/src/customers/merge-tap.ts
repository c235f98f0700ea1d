import type { CustomerHooks } from '@rapport/plugin-customers';
import { SALES_PLUGIN_ID } from '../plugin-id.js';

/** The plugin's entities that refer to a customer by `customerId`. */
export const CUSTOMER_REFERENCES = ['deal', 'order', 'activity', 'lead', 'dealStageChange'] as const;

/**
 * Customer merge: inside the merge's transaction, moves every deal, order, activity, converted
 * lead and stage-history record of the merged customer to the survivor (as the system, so no
 * record rule leaves a reference behind) and reports the counts to the merge record.
 */
export function tapCustomerMerge(hooks: CustomerHooks): void {
  hooks.merge.tapPromise(SALES_PLUGIN_ID, async (request) => {
    for (const entity of CUSTOMER_REFERENCES) await request.moveReferences(entity);
  });
}
