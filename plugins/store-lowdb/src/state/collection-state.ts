import { getPath, type IndexSpec, type StoredRecord, StoreError } from '@rapport/core';
import { RecordLocations } from '../history/record-locations.js';
import { IdOrder } from './id-order.js';
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

/** The indexes of one collection, built record by record (a unique clash is a `CONFLICT`). */
export class IndexSet {
  readonly name: string;
  readonly specs: readonly IndexSpec[];
  readonly uniques: UniqueIndex[];
  readonly lookups: LookupIndex[];

  /**
   * `ordered` (default true): two-field lookup indexes also keep their records sorted by the
   * second field (an `OrderedIndex`); history collections, whose pages are read from disk,
   * go without.
   */
  constructor(name: string, specs: readonly IndexSpec[], options: { ordered?: boolean } = {}) {
    this.name = name;
    this.specs = specs;
    const ordered = options.ordered ?? true;
    this.uniques = specs.filter((spec) => spec.unique).map((spec) => new UniqueIndex([...spec.fields]));
    this.lookups = specs
      .filter((spec) => !spec.unique)
      .map((spec) => new LookupIndex([...spec.fields], { ordered }));
  }

  /** Adds a record, refusing one whose unique values another record already holds. */
  add(record: StoredRecord): void {
    for (const index of this.uniques) {
      const key = index.keyOf(record);
      if (key === undefined) continue;
      const holder = index.ids.get(key);
      if (holder !== undefined && holder !== record.id)
        throw uniqueConflict(this.name, record, index, holder);
      index.ids.set(key, record.id);
    }
    for (const index of this.lookups) index.add(record);
  }
}

/**
 * One collection in memory: its committed records by id and the indexes over them. A history
 * collection (`locations` set) keeps only some records in memory (those not yet on disk and the
 * most recent ones); the others are known by their location on disk and read on demand, while
 * their index entries stay here.
 */
export class CollectionState {
  readonly name: string;
  /** Every record (ordinary collections), or the ones in memory (history collections). */
  readonly records: Map<string, StoredRecord>;
  uniques: UniqueIndex[] = [];
  lookups: LookupIndex[] = [];
  /** The index specs the indexes were built from. */
  indexSpecs: readonly IndexSpec[] = [];
  /** Where each history record on disk lies; `undefined` for an ordinary collection. */
  locations: RecordLocations | undefined;
  /** History collections: how many records exist, in memory or on disk. */
  #live = 0;
  /** The ids in order, once a page sorted by id alone asked for them (ordinary collections). */
  #idOrder: IdOrder | undefined;

  constructor(name: string, records = new Map<string, StoredRecord>()) {
    this.name = name;
    this.records = records;
  }

  /** The ids in code-unit order (built on first use, then kept by {@link added} and {@link removed}). */
  idOrder(): IdOrder {
    this.#idOrder ??= new IdOrder(this.records.keys());
    return this.#idOrder;
  }

  /** A record with a new id was committed. */
  added(id: string): void {
    this.#idOrder?.add(id);
  }

  /** A record was deleted. */
  removed(id: string): void {
    this.#idOrder?.remove(id);
  }

  /** Whether records may live on disk only. */
  get isHistory(): boolean {
    return this.locations !== undefined;
  }

  /** How many records the collection holds. */
  get size(): number {
    return this.locations ? this.#live : this.records.size;
  }

  /** Whether a record with this id exists (committed). */
  has(id: string): boolean {
    return this.records.has(id) || (this.locations?.has(id) ?? false);
  }

  /** Makes this a history collection: from now on placed records may leave memory. */
  makeHistory(): void {
    if (this.locations) return;
    this.locations = new RecordLocations();
    this.#live = this.records.size;
  }

  /** Makes a history collection ordinary again: `all` is every record, now held in memory. */
  makeOrdinary(all: readonly StoredRecord[]): void {
    for (const record of all) this.records.set(record.id, record);
    this.locations = undefined;
    this.#live = 0;
  }

  /** Counts a history record coming (+1) or going (-1). */
  countLive(delta: number): void {
    this.#live += delta;
  }

  /** Lets a history record that is on disk leave memory, if it is still the current version. */
  evict(record: StoredRecord): void {
    if (this.records.get(record.id) === record && this.locations?.has(record.id)) {
      this.records.delete(record.id);
    }
  }

  /**
   * Builds the indexes of `specs` over the records in memory and switches to them; a unique index
   * the data already breaks is a `CONFLICT`, and the old indexes stay. (A history collection with
   * records on disk is re-indexed by the store, which reads them: see {@link useIndexes}.)
   */
  setIndexes(specs: readonly IndexSpec[], options: { ordered?: boolean } = {}): void {
    const set = new IndexSet(this.name, specs, options);
    for (const record of this.records.values()) set.add(record);
    this.useIndexes(set);
  }

  /** Switches to indexes built elsewhere. */
  useIndexes(set: IndexSet): void {
    this.uniques = set.uniques;
    this.lookups = set.lookups;
    this.indexSpecs = set.specs;
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
