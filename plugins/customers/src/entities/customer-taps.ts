import { ConflictError, type RegisterContext } from '@rapport/core';
import type { CustomersOptions } from '../options.js';
import { CUSTOMERS_PLUGIN_ID } from '../plugin-id.js';
import type { Customer } from './customer.js';

/** Entities of this plugin that hold a `customerId` and block deleting their customer. */
export const OWNED_REFERENCES = ['contact', 'interaction', 'customerValue'] as const;

/**
 * Rules of `customer` beyond identity:
 * - computed fields (lifecycle, ABC, RFM, value) are `readOnly` in the schema, so the kernel
 *   lets only the system (the plugin's jobs) write them; a client may send them back unchanged;
 * - a customer that still has contacts, interactions or value records is not deleted (409):
 *   merge it into another customer, or delete those first — history is never dropped silently;
 * - events: `customers.customer.created`, `.lifecycleChanged`, `.abcClassChanged`.
 */
export function tapCustomerRules(ctx: RegisterContext<CustomersOptions>): void {
  const hooks = ctx.hooks.entity<Customer>('customer');

  hooks.beforeDelete.tapPromise(CUSTOMERS_PLUGIN_ID, async (customer, write) => {
    const counts: string[] = [];
    for (const entity of OWNED_REFERENCES) {
      const n = await write.system(entity).count({ customerId: customer.id });
      if (n > 0) counts.push(`${n} ${entity} record(s)`);
    }
    if (counts.length > 0) {
      throw ConflictError.state(
        `customer '${customer.name}' (${customer.id}) still has ${counts.join(', ')}: merge it into another customer, or delete those first`,
        { entity: 'customer', id: customer.id, references: counts },
      );
    }
  });

  hooks.afterCreate.tapPromise(CUSTOMERS_PLUGIN_ID, async (customer, write) => {
    write.emit(`${CUSTOMERS_PLUGIN_ID}.customer.created`, {
      customerId: customer.id,
      kind: customer.kind,
      category: customer.category ?? 'consumer',
      ...(customer.ownerId ? { ownerId: customer.ownerId } : {}),
      ...(customer.source ? { source: customer.source } : {}),
    });
  });

  hooks.afterUpdate.tapPromise(CUSTOMERS_PLUGIN_ID, async (customer, write) => {
    const before = write.previous;
    if (!before) return;
    if (before.lifecycleStage !== customer.lifecycleStage) {
      write.emit(`${CUSTOMERS_PLUGIN_ID}.customer.lifecycleChanged`, {
        customerId: customer.id,
        from: before.lifecycleStage ?? 'prospect',
        to: customer.lifecycleStage ?? 'prospect',
        at: customer.lifecycleChangedAt ?? customer.updatedAt,
      });
    }
    if (before.abcClass !== customer.abcClass) {
      write.emit(`${CUSTOMERS_PLUGIN_ID}.customer.abcClassChanged`, {
        customerId: customer.id,
        from: before.abcClass ?? null,
        to: customer.abcClass ?? null,
      });
    }
  });
}
