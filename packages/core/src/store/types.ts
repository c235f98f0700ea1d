import type { JsonSchemaObject } from '../entities/json-schema.js';
import type { AggregateRow, StoreAggregateQuery, StoreFindQuery, WhereNode } from '../query/types.js';

/** A record as stores hold it: system fields plus the entity's own properties. */
export interface StoredRecord {
  id: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  [field: string]: unknown;
}

/** An index the store should keep: one or more field paths. */
export interface IndexSpec {
  fields: string[];
  unique?: boolean;
}

/** One collection (an entity, or a kernel-owned collection such as the outbox). */
export interface CollectionSpec {
  name: string;
  /** The full JSON Schema of a stored record, system fields included. */
  schema: JsonSchemaObject;
  indexes: IndexSpec[];
  /**
   * Append-only history that is rarely read (the audit trail, the outbox, message or ledger
   * history): a hint that the store may keep these records on disk rather than in memory, reading
   * them on demand and keeping only their indexes at hand. Reads and writes behave exactly as for
   * any other collection; stores without such a distinction ignore it. Default `false`.
   */
  history?: boolean;
}

/** Everything a store must hold, handed to {@link DataStore.open}. */
export interface StoreSchema {
  collections: CollectionSpec[];
}

/**
 * Operations inside one store transaction. Every write is visible to later reads of the same
 * transaction; nothing is visible to others until commit; a throw rolls everything back.
 */
export interface StoreTx {
  /**
   * Inserts a new record; `CONFLICT` if the id exists or a unique index is violated. A unique
   * violation names the index and the holder in `details.fields` and `details.conflictingId`, and
   * leaves the transaction usable (the same for `update`).
   */
  insert(collection: string, record: StoredRecord): Promise<void>;
  get(collection: string, id: string): Promise<StoredRecord | undefined>;
  /**
   * Optional: the stored record itself rather than a copy, for callers that only serialize it.
   * The caller must not modify it. Stores without it are read through {@link StoreTx.get}.
   */
  peek?(collection: string, id: string): Promise<Readonly<StoredRecord> | undefined>;
  /**
   * Replaces a record whose current version is `expectedVersion`; the new record carries the new
   * version. `NOT_FOUND` when absent, `CONFLICT` on a version mismatch or unique violation.
   */
  update(collection: string, record: StoredRecord, expectedVersion: number): Promise<void>;
  /** Deletes a record; `NOT_FOUND` when absent, `CONFLICT` when `expectedVersion` is given and differs. */
  delete(collection: string, id: string, expectedVersion?: number): Promise<void>;
  /** At most `query.limit` records after `query.after`, in `query.sort` order. */
  find(collection: string, query: StoreFindQuery): Promise<StoredRecord[]>;
  count(collection: string, where?: WhereNode): Promise<number>;
  aggregate(collection: string, query: StoreAggregateQuery): Promise<AggregateRow[]>;
}

/** What an adapter can do beyond the contract, so callers can choose strategies. */
export interface StoreCapabilities {
  /** Several processes may open the same store at once. */
  multiProcess: boolean;
  /** Data survives the process. */
  durable: boolean;
}

/**
 * A data-store adapter. Adapters throw only {@link StoreError}s (`NOT_FOUND`, `CONFLICT`,
 * `INVALID`, `UNAVAILABLE`) with the driver's error as `cause`.
 */
export interface DataStore {
  /** A short name for logs and errors (`memory`, `lowdb`, `postgres`). */
  readonly name: string;
  readonly capabilities: StoreCapabilities;
  /** Creates or migrates collections and indexes; idempotent. */
  open(schema: StoreSchema): Promise<void>;
  /** Runs `fn` in one transaction: all of it commits, or none of it does. */
  transaction<R>(fn: (tx: StoreTx) => Promise<R>): Promise<R>;
  /**
   * Optional: runs read-only work without waiting for running transactions. Each call on `tx`
   * sees committed data only (read committed; never another transaction's uncommitted writes),
   * the answer is given only once what it saw is durable, and writes through `tx` throw
   * `INVALID`. Stores without it serve reads through {@link DataStore.transaction}.
   */
  read?<R>(fn: (tx: StoreTx) => Promise<R>): Promise<R>;
  /** Answers whether the store can serve requests now (for readiness probes). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
