import type { StoreTx } from '../store/types.js';

/**
 * Deletes, in the given transaction, up to `limit` rows of a kernel collection whose `field` (an
 * ISO time) is before `before`, oldest first; returns how many. The hourly sweeps of link tokens
 * and idempotency keys use it.
 */
export async function deleteExpiredRows(
  tx: StoreTx,
  collection: string,
  field: string,
  before: string,
  limit: number,
): Promise<number> {
  const rows = await tx.find(collection, {
    where: { kind: 'cmp', field, op: 'lt', value: before },
    sort: [{ field, direction: 'asc' }],
    limit,
  });
  for (const row of rows) await tx.delete(collection, row.id, row.version);
  return rows.length;
}
