import type { CollectionSpec, IndexSpec, StoredRecord } from '@rapport/core';
import { IndexSet } from '../state/collection-state.js';
import type { Database } from '../state/database.js';
import type { HistoryReader } from './history-reader.js';

/** Whether two index lists are the same (order included). */
function sameIndexes(a: readonly IndexSpec[], b: readonly IndexSpec[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Sets up a declared collection on `open`: ordinary or history as the spec says, with the spec's
 * indexes (built over the records in memory, or over every record of a history collection, read
 * from disk when its indexes changed). Says when records must move: `to-history` (they leave memory
 * at the next compaction), `to-memory` (read in now; the next compaction takes them out of the
 * segments). A unique index the data breaks is a `CONFLICT`, and nothing changes.
 */
export async function configureCollection(
  db: Database,
  reader: HistoryReader,
  spec: CollectionSpec,
): Promise<'to-history' | 'to-memory' | undefined> {
  const collection = db.collection(spec.name);
  const history = spec.history === true;
  if (!collection.isHistory) {
    collection.setIndexes(spec.indexes, { ordered: !history });
    if (!history) return undefined;
    collection.makeHistory();
    return 'to-history';
  }
  if (history && sameIndexes(collection.indexSpecs, spec.indexes)) return undefined;
  const set = new IndexSet(spec.name, spec.indexes, { ordered: !history });
  const all: StoredRecord[] = [];
  for await (const batch of reader.scan(collection)) {
    for (const record of batch) {
      set.add(record);
      if (!history) all.push(record);
    }
  }
  if (!history) collection.makeOrdinary(all);
  collection.useIndexes(set);
  return history ? undefined : 'to-memory';
}
