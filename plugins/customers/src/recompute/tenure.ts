import type { Repository } from '@rapport/core';
import type { CustomerValue } from '../entities/customer-value.js';

const BATCH = 500;

/**
 * Purchases since each customer's `wonBackAt`, for many customers at once: grouped aggregates
 * over batches of customers (`customerId in [...]`, grouped by customer and day of purchase),
 * so the answer costs a few store round trips, not one per customer.
 */
export async function countTenureBatch(
  values: Repository<CustomerValue>,
  wonBack: ReadonlyMap<string, string>,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const ids = [...wonBack.keys()];
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const since = batch.map((id) => wonBack.get(id) as string).sort()[0] as string;
    const rows = await values.aggregate({
      where: { customerId: { in: batch }, kind: 'purchase', at: { gte: since } },
      groupBy: ['customerId', 'at'],
      measures: { n: 'count' },
    });
    for (const row of rows) {
      const id = String(row.customerId);
      if (String(row.at) >= (wonBack.get(id) as string))
        counts.set(id, (counts.get(id) ?? 0) + Number(row.n));
    }
  }
  return counts;
}
