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
