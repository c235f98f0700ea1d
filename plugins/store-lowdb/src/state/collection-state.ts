import { getPath, type IndexSpec, type StoredRecord, StoreError } from '@rapport/core';
import { LookupIndex, UniqueIndex } from './indexes.js';

/** Describes the values of a record in an index, for conflict messages. */
export function describeValues(record: StoredRecord, index: UniqueIndex): string {
  return index.fields.map((field) => `${field} ${JSON.stringify(getPath(record, field))}`).join(', ');
}

/** The `CONFLICT` error for a record whose unique values another record holds. */
export function uniqueConflict(
  name: string,
  record: StoredRecord,
  index: UniqueIndex,
  conflictingId: string,
): StoreError {
  return new StoreError(
    'CONFLICT',
    `${name} ${record.id}: ${describeValues(record, index)} is already used by ${name} ${conflictingId}`,
    { details: { collection: name, id: record.id, fields: [...index.fields], conflictingId } },
  );
}

/** One collection in memory: its committed records by id and the indexes over them. */
export class CollectionState {
  readonly name: string;
  readonly records: Map<string, StoredRecord>;
  uniques: UniqueIndex[] = [];
  lookups: LookupIndex[] = [];

  constructor(name: string, records = new Map<string, StoredRecord>()) {
    this.name = name;
    this.records = records;
  }

  /**
   * Builds the indexes of `specs` over the current records and switches to them; a unique index
   * the data already breaks is a `CONFLICT`, and the old indexes stay.
   */
  setIndexes(specs: readonly IndexSpec[]): void {
    const uniques = specs.filter((spec) => spec.unique).map((spec) => new UniqueIndex([...spec.fields]));
    const lookups = specs.filter((spec) => !spec.unique).map((spec) => new LookupIndex([...spec.fields]));
    for (const record of this.records.values()) {
      for (const index of uniques) {
        const key = index.keyOf(record);
        if (key === undefined) continue;
        const holder = index.ids.get(key);
        if (holder !== undefined) throw uniqueConflict(this.name, record, index, holder);
        index.ids.set(key, record.id);
      }
      for (const index of lookups) index.add(record);
    }
    this.uniques = uniques;
    this.lookups = lookups;
  }

  /** Takes a record out of every index. */
  unindex(record: StoredRecord): void {
    for (const index of this.uniques) index.remove(record);
    for (const index of this.lookups) index.remove(record);
  }

  /** Puts a record into every index. */
  index(record: StoredRecord): void {
    for (const index of this.uniques) index.add(record);
    for (const index of this.lookups) index.add(record);
  }
}
