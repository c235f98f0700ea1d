import type { StoredRecord, StoreFindQuery } from '@rapport/core';
import { findInMemory, matchesWhere } from '@rapport/core/store-kit';
import type { WalkStart } from '../state/ordered-index.js';
import type { OrderedPlan } from '../state/query-plan.js';
import type { TxWrites } from './tx-writes.js';

/**
 * `find` through an ordered index (see `orderedPlan`): under each leading value, the committed
 * records are read in the page's order from just after its cursor, and the walk stops after
 * `limit` records that match the whole where. Records this transaction wrote are skipped there
 * and taken from its overlay instead, all of them, so the final ranking of those candidates (the
 * same `findInMemory` every other find ends with) gives exactly the page a full scan would.
 */
export function orderedFind(writes: TxWrites, plan: OrderedPlan, query: StoreFindQuery): StoredRecord[] {
  const { where, limit, after } = query;
  const start: WalkStart | undefined = after
    ? { value: after[0] ?? null, id: after[1] as string }
    : undefined;
  const candidates: StoredRecord[] = [];
  for (const lead of plan.leads) {
    let found = 0;
    for (const id of plan.index.walk(lead, plan.valueDesc, plan.idDesc, start)) {
      if (writes.records.has(id)) continue;
      const record = writes.base.records.get(id);
      if (!record || (where && !matchesWhere(record, where))) continue;
      candidates.push(record);
      found += 1;
      if (found >= limit) break;
    }
  }
  for (const record of writes.records.values()) if (record) candidates.push(record);
  return findInMemory(candidates, query);
}

/**
 * `find` sorted by `id` alone over a collection no index narrows: the committed ids are walked in
 * order from just after the cursor (see `IdOrder`), stopping after `limit` records that match the
 * where; as in {@link orderedFind}, this transaction's own writes are skipped there and all taken
 * from its overlay, and the final ranking gives exactly the page a full scan would.
 */
export function idOrderFind(writes: TxWrites, query: StoreFindQuery): StoredRecord[] {
  const { where, limit, after, sort } = query;
  const candidates: StoredRecord[] = [];
  const desc = sort[0]?.direction === 'desc';
  const start = typeof after?.[0] === 'string' ? after[0] : undefined;
  for (const id of writes.base.idOrder().walk(desc, start)) {
    if (candidates.length >= limit) break;
    if (writes.records.has(id)) continue;
    const record = writes.base.records.get(id);
    if (!record || (where && !matchesWhere(record, where))) continue;
    candidates.push(record);
  }
  for (const record of writes.records.values()) if (record) candidates.push(record);
  return findInMemory(candidates, query);
}

/** Whether a find is sorted by `id` alone, with a cursor (if any) that is one id: {@link idOrderFind}'s case. */
export function sortedByIdAlone(query: StoreFindQuery): boolean {
  const { sort, after } = query;
  if (sort.length !== 1 || sort[0]?.field !== 'id') return false;
  return after === undefined || (after.length === 1 && typeof after[0] === 'string');
}
