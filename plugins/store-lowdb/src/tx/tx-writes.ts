import type { StoredRecord } from '@rapport/core';
import type { HistoryReader } from '../history/history-reader.js';
import type { CollectionState } from '../state/collection-state.js';

/**
 * One transaction's uncommitted writes to one collection: each touched id's new version (`null`
 * when deleted), and which ids hold which unique keys among them, so unique checks stay O(1).
 */
export class TxWrites {
  readonly base: CollectionState;
  /** id → new record, or `null` when deleted in this transaction. */
  readonly records = new Map<string, StoredRecord | null>();
  /** Per unique index of `base` (same position): key → id, for the records written here. */
  readonly uniqueKeys: Map<string, string>[];
  /**
   * History collections: the committed versions this transaction read, by id. The commit needs
   * the previous version of each record it replaces or deletes to update the indexes, and a
   * history record may leave memory meanwhile.
   */
  readonly seen = new Map<string, StoredRecord>();

  constructor(base: CollectionState) {
    this.base = base;
    this.uniqueKeys = base.uniques.map(() => new Map());
  }

  /**
   * The record as this transaction sees it: its own write, else the committed one. Exact for an
   * ordinary collection; a history record that is only on disk needs {@link load}.
   */
  current(id: string): StoredRecord | undefined {
    const own = this.records.get(id);
    if (own !== undefined) return own ?? undefined;
    return this.base.records.get(id);
  }

  /** Whether a record with this id exists as this transaction sees the data. */
  exists(id: string): boolean {
    const own = this.records.get(id);
    if (own !== undefined) return own !== null;
    return this.base.has(id);
  }

  /** The record as this transaction sees it, read from disk when only there. */
  async load(id: string, reader: HistoryReader): Promise<StoredRecord | undefined> {
    const own = this.records.get(id);
    if (own !== undefined) return own ?? undefined;
    if (!this.base.isHistory) return this.base.records.get(id);
    const record = this.seen.get(id) ?? this.base.records.get(id) ?? (await reader.readOne(this.base, id));
    if (record) this.seen.set(id, record);
    // A concurrent call of this transaction may have written the record during the read.
    const written = this.records.get(id);
    return written === undefined ? record : (written ?? undefined);
  }

  /**
   * The id of another record that holds `record`'s value in a unique index, as this
   * transaction sees the data; the index position is returned with it.
   */
  uniqueHolder(record: StoredRecord): { index: number; id: string } | undefined {
    for (const [index, unique] of this.base.uniques.entries()) {
      const key = unique.keyOf(record);
      if (key === undefined) continue;
      const own = this.uniqueKeys[index]?.get(key);
      if (own !== undefined && own !== record.id) return { index, id: own };
      if (own !== undefined) continue;
      const committed = unique.ids.get(key);
      // A committed holder this transaction rewrote or deleted only counts through its own write.
      if (committed !== undefined && committed !== record.id && !this.records.has(committed)) {
        return { index, id: committed };
      }
    }
    return undefined;
  }

  /** Records a write (`null` = delete), keeping the unique keys of this transaction's records right. */
  put(id: string, record: StoredRecord | null): void {
    // Only keys of records written here are in `uniqueKeys`: the previous version that matters is our own.
    const previous = this.records.get(id) ?? undefined;
    for (const [index, unique] of this.base.uniques.entries()) {
      const keys = this.uniqueKeys[index] as Map<string, string>;
      const oldKey = previous ? unique.keyOf(previous) : undefined;
      if (oldKey !== undefined && keys.get(oldKey) === id) keys.delete(oldKey);
      const newKey = record ? unique.keyOf(record) : undefined;
      if (newKey !== undefined) keys.set(newKey, id);
    }
    this.records.set(id, record);
  }

  /** How many records this transaction sees in the collection. */
  size(): number {
    let size = this.base.size;
    for (const [id, record] of this.records) {
      const committed = this.base.has(id);
      if (record && !committed) size += 1;
      else if (!record && committed) size -= 1;
    }
    return size;
  }

  /** Every record this transaction sees (an ordinary collection: all are in memory). */
  *all(): IterableIterator<StoredRecord> {
    for (const [id, record] of this.base.records) if (!this.records.has(id)) yield record;
    for (const record of this.records.values()) if (record) yield record;
  }
}
