import { StoreError } from '../errors.js';
import { getPath } from '../query/field-path.js';
import { aggregateInMemory, countInMemory, findInMemory } from '../query/in-memory.js';
import type { AggregateRow, StoreAggregateQuery, StoreFindQuery, WhereNode } from '../query/types.js';
import type { DataStore, StoredRecord, StoreSchema, StoreTx } from './types.js';

/** A FIFO async mutex: `lock()` resolves with a release function once every earlier holder released. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();

  lock(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.#tail;
    this.#tail = previous.then(() => held);
    return previous.then(() => release);
  }
}

/** One collection of a volume: its records by id, and per unique index its fields and a value-key → id map. */
interface MemoryCollection {
  records: Map<string, StoredRecord>;
  unique: Array<{ fields: string[]; ids: Map<string, string> }>;
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

/** Adds a record's values to the unique-index maps. */
function indexRecord(collection: MemoryCollection, record: StoredRecord): void {
  for (const { fields, ids } of collection.unique) {
    const key = uniqueKey(record, fields);
    if (key !== undefined) ids.set(key, record.id);
  }
}

/** Removes a record's values from the unique-index maps. */
function unindexRecord(collection: MemoryCollection, record: StoredRecord): void {
  for (const { fields, ids } of collection.unique) {
    const key = uniqueKey(record, fields);
    if (key !== undefined && ids.get(key) === record.id) ids.delete(key);
  }
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
    return record ? structuredClone(record) : undefined;
  }

  #current(name: string, collection: MemoryCollection, id: string, expectedVersion?: number): StoredRecord {
    const current = collection.records.get(id);
    if (!current) {
      throw new StoreError('NOT_FOUND', `${name} ${id} does not exist`, {
        details: { collection: name, id },
      });
    }
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw new StoreError(
        'CONFLICT',
        `${name} ${id} was changed by someone else (expected version ${expectedVersion}, found ${current.version})`,
        { details: { collection: name, id, expectedVersion, actualVersion: current.version } },
      );
    }
    return current;
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
    const rows = findInMemory(this.#collection(name).records.values(), query);
    return rows.map((row) => structuredClone(row));
  }

  async count(name: string, where?: WhereNode): Promise<number> {
    return countInMemory(this.#collection(name).records.values(), where);
  }

  async aggregate(name: string, query: StoreAggregateQuery): Promise<AggregateRow[]> {
    return aggregateInMemory(this.#collection(name).records.values(), query);
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
          const collection = volume.collections.get(spec.name) ?? { records: new Map(), unique: [] };
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
