import { ConflictError, type RegisterContext } from '@rapport/core';
import type { SalesOptions } from '../options.js';
import { SALES_PLUGIN_ID } from '../plugin-id.js';
import { CUSTOMER_REFERENCES } from './merge-tap.js';

/**
 * A customer with deals, orders, activities or converted leads is not deleted (409): merge it
 * into another customer (the merge moves them), or delete those first — sales history is never
 * left pointing at nothing.
 */
export function tapCustomerDeleteGuard(ctx: RegisterContext<SalesOptions>): void {
  ctx.hooks.entity('customer').beforeDelete.tapPromise(SALES_PLUGIN_ID, async (customer, write) => {
    const counts: string[] = [];
    for (const entity of CUSTOMER_REFERENCES) {
      if (entity === 'dealStageChange') continue;
      const n = await write.system(entity).count({ customerId: customer.id });
      if (n > 0) counts.push(`${n} ${entity} record(s)`);
    }
    if (counts.length > 0) {
      throw ConflictError.state(
        `customer ${customer.id} still has ${counts.join(', ')}: merge it into another customer, or delete those first`,
        { entity: 'customer', id: customer.id, references: counts },
      );
    }
  });
}
