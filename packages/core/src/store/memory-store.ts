import { StoreError } from '../errors.js';
import { getPath } from '../query/field-path.js';
import { findInMemory } from '../query/find-top.js';
import { aggregateInMemory, countInMemory } from '../query/in-memory.js';
import type { AggregateRow, StoreAggregateQuery, StoreFindQuery, WhereNode } from '../query/types.js';
import { cloneJson } from '../util/clone-json.js';
import { Mutex } from '../util/mutex.js';
import type { DataStore, StoredRecord, StoreSchema, StoreTx } from './types.js';
import { versionCheckError } from './version-check.js';

/** One collection of a volume: its records by id, and per unique index its fields and a value-key → id map. */
interface MemoryCollection {
  records: Map<string, StoredRecord>;
  unique: Array<{ fields: string[]; ids: Map<string, string> }>;
  /** Equality lookups on the first field of every declared index: value key → ids. */
  lookups: Map<string, Map<string, Set<string>>>;
}

/**
 * The data behind in-memory stores. Give the same volume to a new {@link memoryStore} to see
 * what an earlier (closed) one wrote — how tests simulate a restart — or to several stores at
 * once to simulate processes sharing a database; their transactions are serialized together.
 */
export interface MemoryVolume {
  /** @internal Collections by name. */
  readonly collections: Map<string, MemoryCollection>;
  /** @internal Serializes the transactions of every store on this volume. */
  readonly lock: Mutex;
}

/** Creates an empty {@link MemoryVolume}. */
export function createMemoryVolume(): MemoryVolume {
  return { collections: new Map(), lock: new Mutex() };
}

function copy<T>(value: T, what: string): T {
  try {
    return structuredClone(value);
  } catch (error) {
    throw new StoreError('INVALID', `${what} cannot be stored: it holds a value that is not plain data`, {
      cause: error,
    });
  }
}

/** The values of a unique index for a record, or `undefined` when one is null/missing (not indexed). */
function indexValues(record: StoredRecord, fields: string[]): unknown[] | undefined {
  const values = fields.map((field) => getPath(record, field));
  return values.some((value) => value === null || value === undefined) ? undefined : values;
}

function describeIndex(fields: string[], values: unknown[]): string {
  return fields.map((field, i) => `${field} ${JSON.stringify(values[i])}`).join(', ');
}

function uniqueKey(record: StoredRecord, fields: string[]): string | undefined {
  const values = indexValues(record, fields);
  return values === undefined ? undefined : JSON.stringify(values);
}

/** Adds a record's values to the unique-index maps and the equality lookups. */
function indexRecord(collection: MemoryCollection, record: StoredRecord): void {
  for (const { fields, ids } of collection.unique) {
    const key = uniqueKey(record, fields);
    if (key !== undefined) ids.set(key, record.id);
  }
  for (const [field, lookup] of collection.lookups) {
    const value = getPath(record, field);
    if (value === undefined || value === null) continue;
    const key = JSON.stringify(value);
    const ids = lookup.get(key) ?? new Set<string>();
    ids.add(record.id);
    lookup.set(key, ids);
  }
}

/** Removes a record's values from the unique-index maps and the equality lookups. */
function unindexRecord(collection: MemoryCollection, record: StoredRecord): void {
  for (const { fields, ids } of collection.unique) {
    const key = uniqueKey(record, fields);
    if (key !== undefined && ids.get(key) === record.id) ids.delete(key);
  }
  for (const [field, lookup] of collection.lookups) {
    const value = getPath(record, field);
    if (value === undefined || value === null) continue;
    const key = JSON.stringify(value);
    const ids = lookup.get(key);
    ids?.delete(record.id);
    if (ids?.size === 0) lookup.delete(key);
  }
}

/**
 * The ids an equality lookup narrows a where to (`eq`/`in` on an indexed field, alone or inside
 * a top-level `and`), or `undefined` when no index applies and every record must be scanned.
 * Candidates are still filtered by the full where, so the index only saves work.
 */
function candidateIds(collection: MemoryCollection, where: WhereNode | undefined): Set<string> | undefined {
  if (!where) return undefined;
  if (where.kind === 'and') {
    let best: Set<string> | undefined;
    for (const item of where.items) {
      const ids = candidateIds(collection, item);
      if (ids && (!best || ids.size < best.size)) best = ids;
    }
    return best;
  }
  if (where.kind !== 'cmp') return undefined;
  const lookup = collection.lookups.get(where.field);
  if (!lookup) return undefined;
  const values =
    where.op === 'eq'
      ? [where.value]
      : where.op === 'in' && Array.isArray(where.value)
        ? where.value
        : undefined;
  if (!values || values.some((value) => value === null)) return undefined;
  const ids = new Set<string>();
  for (const value of values) for (const id of lookup.get(JSON.stringify(value)) ?? []) ids.add(id);
  return ids;
}

/** The records a query must look at: the index candidates, or all of them. */
function scanFor(collection: MemoryCollection, where: WhereNode | undefined): Iterable<StoredRecord> {
  const ids = candidateIds(collection, where);
  if (!ids) return collection.records.values();
  return [...ids]
    .map((id) => collection.records.get(id))
    .filter((record): record is StoredRecord => record !== undefined);
}

/** Throws CONFLICT when another record holds the same values as `record` in a unique index (O(1) per index). */
function checkUnique(name: string, collection: MemoryCollection, record: StoredRecord): void {
  for (const { fields, ids } of collection.unique) {
    const key = uniqueKey(record, fields);
    const otherId = key === undefined ? undefined : ids.get(key);
    if (otherId === undefined || otherId === record.id) continue;
    const values = indexValues(record, fields) ?? [];
    throw new StoreError(
      'CONFLICT',
      `${name} ${record.id}: ${describeIndex(fields, values)} is already used by ${name} ${otherId}`,
      { details: { collection: name, id: record.id, fields, conflictingId: otherId } },
    );
  }
}

function checkRecord(name: string, record: StoredRecord): void {
  if (typeof record !== 'object' || record === null || typeof record.id !== 'string' || record.id === '') {
    throw new StoreError('INVALID', `a ${name} record needs a non-empty string id`, {
      details: { collection: name },
    });
  }
}

/** One transaction's view of a volume: writes apply at once and are undone on rollback. */
class MemoryTx implements StoreTx {
  readonly #volume: MemoryVolume;
  readonly #assertOpen: () => void;
  readonly #undo: (() => void)[] = [];
  #finished = false;

  constructor(volume: MemoryVolume, assertOpen: () => void) {
    this.#volume = volume;
    this.#assertOpen = assertOpen;
  }

  /** Ends the transaction; with `commit: false`, undoes every write in reverse order. */
  finish(commit: boolean): void {
    this.#finished = true;
    if (!commit) for (const undo of this.#undo.reverse()) undo();
    this.#undo.length = 0;
  }

  #collection(name: string): MemoryCollection {
    if (this.#finished) throw new StoreError('INVALID', 'transaction already finished');
    this.#assertOpen();
    const collection = this.#volume.collections.get(name);
    if (!collection) {
      throw new StoreError(
        'INVALID',
        `unknown collection '${name}': open the store with a schema that declares it`,
        {
          details: { collection: name },
        },
      );
    }
    return collection;
  }

  #put(collection: MemoryCollection, record: StoredRecord, previous: StoredRecord | undefined): void {
    if (previous) unindexRecord(collection, previous);
    collection.records.set(record.id, record);
    indexRecord(collection, record);
    this.#undo.push(() => {
      unindexRecord(collection, record);
      if (previous) {
        collection.records.set(record.id, previous);
        indexRecord(collection, previous);
      } else {
        collection.records.delete(record.id);
      }
    });
  }

  async insert(name: string, record: StoredRecord): Promise<void> {
    const collection = this.#collection(name);
    checkRecord(name, record);
    const stored = copy(record, `${name} ${record.id}`);
    if (collection.records.has(stored.id)) {
      throw new StoreError('CONFLICT', `${name} ${stored.id} already exists`, {
        details: { collection: name, id: stored.id },
      });
    }
    checkUnique(name, collection, stored);
    this.#put(collection, stored, undefined);
  }

  async get(name: string, id: string): Promise<StoredRecord | undefined> {
    const record = this.#collection(name).records.get(id);
    return record ? cloneJson(record) : undefined;
  }

  #current(name: string, collection: MemoryCollection, id: string, expectedVersion?: number): StoredRecord {
    const current = collection.records.get(id);
    const error = versionCheckError(name, id, current, expectedVersion);
    if (error) throw error;
    return current as StoredRecord;
  }

  async update(name: string, record: StoredRecord, expectedVersion: number): Promise<void> {
    const collection = this.#collection(name);
    checkRecord(name, record);
    const previous = this.#current(name, collection, record.id, expectedVersion);
    const stored = copy(record, `${name} ${record.id}`);
    checkUnique(name, collection, stored);
    this.#put(collection, stored, previous);
  }

  async delete(name: string, id: string, expectedVersion?: number): Promise<void> {
    const collection = this.#collection(name);
    const previous = this.#current(name, collection, id, expectedVersion);
    collection.records.delete(id);
    unindexRecord(collection, previous);
    this.#undo.push(() => {
      collection.records.set(id, previous);
      indexRecord(collection, previous);
    });
  }

  async find(name: string, query: StoreFindQuery): Promise<StoredRecord[]> {
    const rows = findInMemory(scanFor(this.#collection(name), query.where), query);
    return rows.map((row) => cloneJson(row));
  }

  async count(name: string, where?: WhereNode): Promise<number> {
    return countInMemory(scanFor(this.#collection(name), where), where);
  }

  async aggregate(name: string, query: StoreAggregateQuery): Promise<AggregateRow[]> {
    return aggregateInMemory(scanFor(this.#collection(name), query.where), query);
  }
}

/**
 * A {@link DataStore} holding everything in memory: for tests, examples and development.
 * Transactions run one at a time (FIFO) and roll back on a throw; every record going in or
 * out is copied, so callers can never change stored data by mutating objects.
 *
 * @example
 * ```ts
 * const volume = createMemoryVolume();
 * const kernel = await createKernel({ store: memoryStore({ volume }), plugins: [customers()] });
 * ```
 */
export function memoryStore(options: { volume?: MemoryVolume } = {}): DataStore {
  const volume = options.volume ?? createMemoryVolume();
  let state: 'new' | 'open' | 'closed' = 'new';

  const assertOpen = (): void => {
    if (state === 'new')
      throw new StoreError('UNAVAILABLE', 'the memory store is not open yet: call open() first');
    if (state === 'closed') throw new StoreError('UNAVAILABLE', 'the memory store is closed');
  };

  return {
    name: 'memory',
    capabilities: { multiProcess: false, durable: false },

    async open(schema: StoreSchema): Promise<void> {
      if (state === 'closed') throw new StoreError('UNAVAILABLE', 'the memory store is closed');
      const release = await volume.lock.lock();
      try {
        for (const spec of schema.collections) {
          const collection = volume.collections.get(spec.name) ?? {
            records: new Map(),
            unique: [],
            lookups: new Map(),
          };
          collection.lookups = new Map(
            spec.indexes.map((index) => [index.fields[0] as string, new Map<string, Set<string>>()] as const),
          );
          collection.unique = spec.indexes
            .filter((index) => index.unique)
            .map((index) => ({ fields: [...index.fields], ids: new Map<string, string>() }));
          for (const record of collection.records.values()) {
            checkUnique(spec.name, collection, record);
            indexRecord(collection, record);
          }
          volume.collections.set(spec.name, collection);
        }
        state = 'open';
      } finally {
        release();
      }
    },

    async transaction<R>(fn: (tx: StoreTx) => Promise<R>): Promise<R> {
      assertOpen();
      const release = await volume.lock.lock();
      try {
        assertOpen();
        const tx = new MemoryTx(volume, assertOpen);
        try {
          const result = await fn(tx);
          tx.finish(true);
          return result;
        } catch (error) {
          tx.finish(false);
          throw error;
        }
      } finally {
        release();
      }
    },

    async ping(): Promise<void> {
      assertOpen();
    },

    async close(): Promise<void> {
      state = 'closed';
    },
  };
}
