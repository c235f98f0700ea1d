import type {
  AggregateRow,
  StoreAggregateQuery,
  StoredRecord,
  StoreFindQuery,
  WhereNode,
} from '@rapport/core';
import { aggregateInMemory, countInMemory, findInMemory, matchesWhere } from '@rapport/core/store-kit';
import type { HistoryReader } from '../history/history-reader.js';
import { candidateIds } from '../state/query-plan.js';
import type { TxWrites } from './tx-writes.js';

/** Ids read from disk at a time when an index names the candidates. */
const BATCH = 1_000;

/**
 * The records of a history collection that can match `where`, as this transaction sees them, in
 * batches: through an index when one applies, else every record (from memory, then from disk in
 * file order). A batch never holds more than a thousand records read from disk, so a query over
 * a long history holds only what it keeps.
 */
async function* batches(writes: TxWrites, reader: HistoryReader, where: WhereNode | undefined) {
  const ids = candidateIds(writes.base, where);
  if (ids) {
    const committed = ids.filter((id) => !writes.records.has(id));
    for (let start = 0; start < committed.length; start += BATCH) {
      yield await reader.readMany(writes.base, committed.slice(start, start + BATCH));
    }
  } else {
    for await (const batch of reader.scan(writes.base)) {
      yield writes.records.size === 0 ? batch : batch.filter((record) => !writes.records.has(record.id));
    }
  }
  const own: StoredRecord[] = [];
  for (const record of writes.records.values()) if (record) own.push(record);
  if (own.length > 0) yield own;
}

/** `find` over a history collection: the first `limit` matches, kept across batches. */
export async function historyFind(
  writes: TxWrites,
  reader: HistoryReader,
  query: StoreFindQuery,
): Promise<StoredRecord[]> {
  let top: StoredRecord[] = [];
  for await (const batch of batches(writes, reader, query.where)) {
    top = findInMemory(top.length === 0 ? batch : top.concat(batch), query);
  }
  return top;
}

/** `count` over a history collection. */
export async function historyCount(
  writes: TxWrites,
  reader: HistoryReader,
  where: WhereNode,
): Promise<number> {
  let count = 0;
  for await (const batch of batches(writes, reader, where)) count += countInMemory(batch, where);
  return count;
}

/** `aggregate` over a history collection: the matching records are gathered, then grouped. */
export async function historyAggregate(
  writes: TxWrites,
  reader: HistoryReader,
  query: StoreAggregateQuery,
): Promise<AggregateRow[]> {
  const matching: StoredRecord[] = [];
  for await (const batch of batches(writes, reader, query.where)) {
    for (const record of batch) if (matchesWhere(record, query.where)) matching.push(record);
  }
  return aggregateInMemory(matching, query);
}
