import type { CustomerHooks } from '@rapport/plugin-customers';
import { TICKETS_PLUGIN_ID } from '../plugin-id.js';

/** The plugin's entities that refer to a customer by `customerId`. */
const CUSTOMER_REFERENCES = ['ticket', 'asset', 'ticketRating'] as const;

/**
 * Customer merge: the merged customer's tickets, equipment files and ratings move to the
 * survivor inside the merge's transaction (their SLA clocks and references are untouched; a
 * contact keeps its id, and the customers plugin moves contacts itself).
 */
export function tapCustomerMerge(hooks: CustomerHooks): void {
  hooks.merge.tapPromise(TICKETS_PLUGIN_ID, async (request) => {
    for (const entity of CUSTOMER_REFERENCES) await request.moveReferences(entity);
  });
}
