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
  if (isIdPage(query) && !candidateIds(writes.base, query.where)) return idOrderedFind(writes, reader, query);
  let kept: StoredRecord[] = [];
  const cutAt = Math.max(2 * query.limit, 4_096);
  for await (const batch of batches(writes, reader, query.where)) {
    for (const record of batch) kept.push(record);
    if (kept.length >= cutAt) kept = findInMemory(kept, query);
  }
  return findInMemory(kept, query);
}

/** Ids read per round of an id-ordered page. */
const ID_ROUND = 1_000;

/** A page in id order of modest size (how `rapport migrate` and cursors over the audit trail read). */
function isIdPage(query: StoreFindQuery): boolean {
  return query.sort.length === 1 && query.sort[0]?.field === 'id' && query.limit <= ID_ROUND;
}

/**
 * The `n` ids that come first in `direction` after `after` (UTF-16 order, as the query language
 * sorts strings), without sorting them all: candidates are kept in a buffer cut back to the best
 * `n` whenever it doubles, and an id that cannot beat the `n`-th is rejected on one comparison.
 */
function nextIds(ids: Iterable<string>, after: string | undefined, desc: boolean, n: number): string[] {
  const order = desc
    ? (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0)
    : (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const buffer: string[] = [];
  let worst: string | undefined;
  for (const id of ids) {
    if (after !== undefined && (desc ? id >= after : id <= after)) continue;
    if (worst !== undefined && order(id, worst) >= 0) continue;
    buffer.push(id);
    if (buffer.length >= 2 * n) {
      buffer.sort(order);
      buffer.length = n;
      worst = buffer[n - 1];
    }
  }
  return buffer.sort(order).slice(0, n);
}

/** The committed ids of a history collection, less the ones this transaction wrote. */
function* committedIds(writes: TxWrites): IterableIterator<string> {
  const { base } = writes;
  for (const id of base.locations?.ids() ?? []) if (!writes.records.has(id)) yield id;
  for (const id of base.records.keys()) {
    if (!base.locations?.has(id) && !writes.records.has(id)) yield id;
  }
}

/**
 * A page in id order with no index to narrow it: the ids are in memory, so only the records of
 * the next ids are read from disk, round after round until the page is full. Paging through a
 * long history costs a pass over the ids per page, not a read of every record.
 */
async function idOrderedFind(
  writes: TxWrites,
  reader: HistoryReader,
  query: StoreFindQuery,
): Promise<StoredRecord[]> {
  const desc = query.sort[0]?.direction === 'desc';
  let cursor = typeof query.after?.[0] === 'string' ? query.after[0] : undefined;
  let top: StoredRecord[] = [];
  for (;;) {
    const ids = nextIds(committedIds(writes), cursor, desc, ID_ROUND);
    if (ids.length === 0) break;
    top = findInMemory(top.concat(await reader.readMany(writes.base, ids)), query);
    if (ids.length < ID_ROUND || top.length >= query.limit) break; // later ids come after all of these
    cursor = ids[ids.length - 1];
  }
  const own: StoredRecord[] = [];
  for (const record of writes.records.values()) if (record) own.push(record);
  return findInMemory(top.concat(own), query);
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
