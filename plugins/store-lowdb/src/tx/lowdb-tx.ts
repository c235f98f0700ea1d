import {
  type AggregateRow,
  cloneJson,
  type StoreAggregateQuery,
  type StoredRecord,
  StoreError,
  type StoreFindQuery,
  type StoreTx,
  type WhereNode,
} from '@rapport/core';
import { aggregateInMemory, countInMemory, findInMemory, versionCheckError } from '@rapport/core/store-kit';
import type { HistoryReader } from '../history/history-reader.js';
import type { JournalOp } from '../journal/entry.js';
import { uniqueConflict } from '../state/collection-state.js';
import type { Database } from '../state/database.js';
import type { UniqueIndex } from '../state/indexes.js';
import { candidateIds, orderedPlan } from '../state/query-plan.js';
import { copyForStorage } from '../util/json-copy.js';
import { historyAggregate, historyCount, historyFind } from './history-queries.js';
import { idOrderFind, orderedFind, sortedByIdAlone } from './ordered-find.js';
import { TxWrites } from './tx-writes.js';

function checkRecord(name: string, record: StoredRecord): void {
  if (typeof record !== 'object' || record === null || typeof record.id !== 'string' || record.id === '') {
    throw new StoreError('INVALID', `a ${name} record needs a non-empty string id`, {
      details: { collection: name },
    });
  }
}

/** A transaction's net changes, and the committed version each replaces (history collections need it). */
export interface TxChanges {
  ops: JournalOp[];
  /** `previous[i]`: the committed record `ops[i]` replaces or deletes, when the transaction read it. */
  previous: (StoredRecord | undefined)[];
}

/**
 * One transaction of the lowdb store. Writes go to a private overlay (reads see them), and
 * {@link LowdbTx.finish} hands back their net effect for the journal; nothing touches the
 * committed state until the store applies that. Records of history collections that are only
 * on disk are read from there.
 */
export class LowdbTx implements StoreTx {
  readonly #db: Database;
  readonly #reader: HistoryReader;
  readonly #declared: ReadonlySet<string>;
  readonly #assertUsable: () => void;
  readonly #writes = new Map<string, TxWrites>();
  readonly #readOnly: boolean;
  #finished = false;

  constructor(
    db: Database,
    reader: HistoryReader,
    declared: ReadonlySet<string>,
    assertUsable: () => void,
    options: { readOnly?: boolean } = {},
  ) {
    this.#db = db;
    this.#reader = reader;
    this.#declared = declared;
    this.#assertUsable = assertUsable;
    this.#readOnly = options.readOnly ?? false;
  }

  /** Ends the transaction and returns its net changes (empty when it wrote nothing). */
  finish(): TxChanges {
    this.#finished = true;
    const ops: JournalOp[] = [];
    const previous: (StoredRecord | undefined)[] = [];
    for (const [c, writes] of this.#writes) {
      for (const [id, record] of writes.records) {
        if (record) ops.push({ op: 'put', c, id, r: record });
        else if (writes.base.has(id)) ops.push({ op: 'del', c, id });
        else continue;
        previous.push(writes.seen.get(id));
      }
    }
    this.#writes.clear();
    return { ops, previous };
  }

  #collection(name: string): TxWrites {
    if (this.#finished) throw new StoreError('INVALID', 'transaction already finished');
    this.#assertUsable();
    let writes = this.#writes.get(name);
    if (writes) return writes;
    const base = this.#declared.has(name) ? this.#db.collections.get(name) : undefined;
    if (!base) {
      throw new StoreError(
        'INVALID',
        `unknown collection '${name}': open the store with a schema that declares it`,
        {
          details: { collection: name },
        },
      );
    }
    writes = new TxWrites(base);
    this.#writes.set(name, writes);
    return writes;
  }

  /** The collection's overlay for a write; refused in a read. */
  #writable(name: string): TxWrites {
    if (this.#readOnly) {
      throw new StoreError('INVALID', `cannot write ${name} records in a read: use store.transaction()`, {
        details: { collection: name },
      });
    }
    return this.#collection(name);
  }

  #checkUnique(name: string, writes: TxWrites, record: StoredRecord): void {
    const holder = writes.uniqueHolder(record);
    if (!holder) return;
    throw uniqueConflict(name, record, writes.base.uniques[holder.index] as UniqueIndex, holder.id);
  }

  async #existing(
    name: string,
    writes: TxWrites,
    id: string,
    expectedVersion?: number,
  ): Promise<StoredRecord> {
    const current = await writes.load(id, this.#reader);
    const error = versionCheckError(name, id, current, expectedVersion);
    if (error) throw error;
    return current as StoredRecord;
  }

  /** The records that can match `where`: through an index when one applies, else all of them. */
  #candidates(writes: TxWrites, where: WhereNode | undefined): Iterable<StoredRecord> {
    const ids = candidateIds(writes.base, where);
    if (!ids) return writes.records.size === 0 ? writes.base.records.values() : writes.all();
    const records: StoredRecord[] = [];
    for (const id of ids) {
      if (writes.records.has(id)) continue; // written in this transaction: taken from the overlay below
      const record = writes.base.records.get(id);
      if (record) records.push(record);
    }
    for (const record of writes.records.values()) if (record) records.push(record);
    return records;
  }

  async insert(name: string, record: StoredRecord): Promise<void> {
    const writes = this.#writable(name);
    checkRecord(name, record);
    const stored = copyForStorage(record, `${name} ${record.id}`);
    if (writes.exists(stored.id)) {
      throw new StoreError('CONFLICT', `${name} ${stored.id} already exists`, {
        details: { collection: name, id: stored.id },
      });
    }
    this.#checkUnique(name, writes, stored);
    writes.put(stored.id, stored);
  }

  async get(name: string, id: string): Promise<StoredRecord | undefined> {
    const writes = this.#collection(name);
    const record =
      writes.current(id) ?? (writes.base.isHistory ? await writes.load(id, this.#reader) : undefined);
    return record ? cloneJson(record) : undefined;
  }

  /** The record as stored (committed or written in this transaction), not a copy: read-only. */
  async peek(name: string, id: string): Promise<Readonly<StoredRecord> | undefined> {
    const writes = this.#collection(name);
    return writes.current(id) ?? (writes.base.isHistory ? writes.load(id, this.#reader) : undefined);
  }

  async update(name: string, record: StoredRecord, expectedVersion: number): Promise<void> {
    const writes = this.#writable(name);
    checkRecord(name, record);
    await this.#existing(name, writes, record.id, expectedVersion);
    const stored = copyForStorage(record, `${name} ${record.id}`);
    this.#checkUnique(name, writes, stored);
    writes.put(stored.id, stored);
  }

  async delete(name: string, id: string, expectedVersion?: number): Promise<void> {
    const writes = this.#writable(name);
    await this.#existing(name, writes, id, expectedVersion);
    writes.put(id, null);
  }

  async find(name: string, query: StoreFindQuery): Promise<StoredRecord[]> {
    const writes = this.#collection(name);
    if (writes.base.isHistory) return (await historyFind(writes, this.#reader, query)).map(cloneJson);
    const plan = orderedPlan(writes.base, query);
    if (plan) return orderedFind(writes, plan, query).map(cloneJson);
    if (sortedByIdAlone(query) && !candidateIds(writes.base, query.where))
      return idOrderFind(writes, query).map(cloneJson);
    return findInMemory(this.#candidates(writes, query.where), query).map(cloneJson);
  }

  async count(name: string, where?: WhereNode): Promise<number> {
    const writes = this.#collection(name);
    if (!where) return writes.size();
    if (writes.base.isHistory) return historyCount(writes, this.#reader, where);
    return countInMemory(this.#candidates(writes, where), where);
  }

  async aggregate(name: string, query: StoreAggregateQuery): Promise<AggregateRow[]> {
    const writes = this.#collection(name);
    if (writes.base.isHistory) return historyAggregate(writes, this.#reader, query);
    return aggregateInMemory(this.#candidates(writes, query.where), query);
  }
}
