import {
  type AggregateRow,
  getPath,
  type StoreAggregateQuery,
  type StoredRecord,
  StoreError,
  type StoreFindQuery,
  type StoreTx,
  type WhereNode,
} from '@rapport/core';
import { versionCheckError } from '@rapport/core/store-kit';
import type { PoolClient, QueryResult, QueryResultRow } from 'pg';
import { isConnectionError, toStoreError } from './errors.js';
import { fromRow, type SelectedRow, toRow } from './json.js';
import type { CollectionModel } from './schema/collection.js';
import { aggregateStatement } from './sql/aggregate.js';
import { findStatement } from './sql/find.js';
import { Params } from './sql/params.js';
import { whereSql } from './sql/where.js';

interface Statement {
  text: string;
  values: unknown[];
  /** Prepared-statement name for fixed statements. */
  name?: string;
}

const MAX_VERSION = 2_147_483_647;

function describeValues(fields: string[], values: unknown[]): string {
  return fields.map((field, i) => `${field} ${JSON.stringify(values[i])}`).join(', ');
}

/**
 * One store transaction on one pooled connection, under READ COMMITTED. `BEGIN` is sent
 * lazily, together with the first write: reads before it run on their own, which under READ
 * COMMITTED sees exactly what they would see inside the transaction (each statement takes a
 * fresh snapshot either way), so read-only transactions cost one round trip per read.
 * Conflicts are reported without aborting the transaction where PostgreSQL allows it
 * (`ON CONFLICT DO NOTHING`, version checks that match no row), so a caller may go on after
 * a `CONFLICT` just as with the memory store.
 */
export class PgTx implements StoreTx {
  readonly #client: PoolClient;
  readonly #collections: ReadonlyMap<string, CollectionModel>;
  readonly #prepared: boolean;
  #begin: Promise<unknown> | undefined;
  #finished = false;
  /** The first statement that failed inside the transaction (PostgreSQL then refuses the rest). */
  #failure: StoreError | undefined;
  /** A connection-level error: the client must be discarded, not returned to the pool. */
  #broken: unknown;

  /** Checked-out clients get no error handling from the pool: a dropped connection lands here. */
  readonly #onError = (error: Error): void => {
    this.#broken ??= error;
  };

  constructor(client: PoolClient, collections: ReadonlyMap<string, CollectionModel>, prepared: boolean) {
    this.#client = client;
    this.#collections = collections;
    this.#prepared = prepared;
    client.on('error', this.#onError);
  }

  /** Returns the connection to the pool, or destroys it after a connection-level error. */
  release(): void {
    if (this.#broken === undefined) {
      this.#client.removeListener('error', this.#onError);
      this.#client.release();
    } else {
      this.#client.release(this.#broken as Error); // destroyed; the listener stays for late errors
    }
  }

  /**
   * Ends the transaction: COMMIT (or ROLLBACK when `commit` is false). A commit after a
   * statement failed inside the transaction rolls back and throws that failure's code, so a
   * swallowed error can never turn into a silent partial commit.
   */
  async finish(commit: boolean): Promise<void> {
    if (this.#finished) return;
    this.#finished = true;
    if (this.#begin === undefined) return;
    if (commit && this.#failure === undefined) {
      let result: QueryResult;
      try {
        result = await this.#client.query('COMMIT');
      } catch (error) {
        if (!isConnectionError(error)) throw toStoreError(error, 'commit (the transaction was rolled back)');
        this.#broken = error;
        throw toStoreError(error, 'commit (the connection failed: the outcome is unknown)');
      }
      if (result.command === 'ROLLBACK') {
        throw new StoreError('CONFLICT', 'PostgreSQL rolled the transaction back at commit', {
          details: { reason: 'rolled-back' },
        });
      }
      return;
    }
    try {
      await this.#client.query('ROLLBACK');
    } catch (error) {
      this.#broken = error;
      if (commit) throw toStoreError(error, 'rollback');
    }
    if (commit && this.#failure) {
      throw new StoreError(
        this.#failure.code,
        `the transaction was rolled back because a statement in it failed: ${this.#failure.message}`,
        { details: this.#failure.details, cause: this.#failure },
      );
    }
  }

  #model(name: string): CollectionModel {
    if (this.#finished) throw new StoreError('INVALID', 'transaction already finished');
    const model = this.#collections.get(name);
    if (!model) {
      throw new StoreError(
        'INVALID',
        `unknown collection '${name}': open the store with a schema that declares it`,
        {
          details: { collection: name },
        },
      );
    }
    return model;
  }

  /** Marks a failure of `BEGIN` (the transaction never started; nothing may run in it). */
  #beginFailed(error: unknown): StoreError {
    if (isConnectionError(error)) this.#broken = error;
    const failure = toStoreError(error, 'begin');
    this.#failure ??= failure;
    return failure;
  }

  /**
   * Runs a statement. The first write of the transaction is sent right behind `BEGIN` without
   * waiting for it: on a pipelining connection (the store's own pool) both travel in one write
   * and one round trip. `BEGIN` on a fresh connection cannot fail unless the connection does,
   * and then the write fails with it.
   */
  async #exec<R extends QueryResultRow>(
    statement: Statement,
    context: string,
    write: boolean,
  ): Promise<QueryResult<R>> {
    const config =
      this.#prepared && statement.name
        ? { name: statement.name, text: statement.text, values: statement.values }
        : { text: statement.text, values: statement.values };
    let begin: Promise<unknown> | undefined;
    let running: Promise<QueryResult<R>>;
    if (write && this.#begin === undefined) {
      // Corked, a pipelining connection writes BEGIN and the statement in one syscall.
      const stream = this.#client.connection?.stream;
      stream?.cork();
      try {
        this.#begin = this.#client.query('BEGIN');
        begin = this.#begin;
        running = this.#client.query<R>(config);
      } finally {
        stream?.uncork();
      }
    } else {
      if (write) {
        await (this.#begin as Promise<unknown>).catch((error: unknown) => {
          throw this.#beginFailed(error);
        });
      }
      running = this.#client.query<R>(config);
    }
    if (begin) {
      const [began] = await Promise.allSettled([begin, running]);
      if (began.status === 'rejected') throw this.#beginFailed(began.reason);
    }
    try {
      return await running;
    } catch (error) {
      if (isConnectionError(error)) this.#broken = error;
      const failure = toStoreError(error, context);
      if (this.#begin !== undefined) this.#failure ??= failure;
      throw failure;
    }
  }

  async insert(collection: string, record: StoredRecord): Promise<void> {
    const model = this.#model(collection);
    const row = toRow(collection, record);
    const { insert } = model.statements;
    const result = await this.#exec(
      { ...insert, values: [row.id, row.createdAt, row.updatedAt, row.version, row.data] },
      `insert into ${collection}`,
      true,
    );
    if (result.rowCount === 0) throw await this.#insertConflict(model, record);
  }

  async get(collection: string, id: string): Promise<StoredRecord | undefined> {
    const model = this.#model(collection);
    if (typeof id !== 'string' || id.includes('\u0000') || /\p{Cs}/u.test(id)) return undefined;
    const result = await this.#exec<SelectedRow>(
      { ...model.statements.get, values: [id] },
      `get from ${collection}`,
      false,
    );
    const row = result.rows[0];
    return row ? fromRow(row) : undefined;
  }

  async update(collection: string, record: StoredRecord, expectedVersion: number): Promise<void> {
    const model = this.#model(collection);
    const row = toRow(collection, record);
    const expected =
      Number.isInteger(expectedVersion) && expectedVersion >= 0 && expectedVersion <= MAX_VERSION
        ? expectedVersion
        : -1;
    const values = [row.id, row.createdAt, row.updatedAt, row.version, row.data, expected];
    const statement =
      model.unique.length === 0
        ? { ...model.statements.update, values }
        : this.#guardedUpdate(model, record, values);
    const result = await this.#exec(statement, `update ${collection}`, true);
    if (result.rowCount === 0) throw await this.#whyNot(model, record.id, expected, record);
  }

  /**
   * The update of a collection with unique indexes: it also requires that no other row holds
   * the record's unique values, so the usual conflict is a matched-nothing update (the
   * transaction stays usable) rather than a unique violation (which would abort it).
   */
  #guardedUpdate(model: CollectionModel, record: StoredRecord, values: unknown[]): Statement {
    const params = new Params();
    for (const value of values) params.add(value);
    const guards: string[] = [];
    for (const index of model.unique) {
      const where = this.#uniqueWhere(index.fields, record);
      if (!where) continue;
      const condition = whereSql(where, { schema: model.spec.schema, alias: 'o', params });
      guards.push(
        `NOT EXISTS (SELECT 1 FROM ${model.qualifiedTable} AS o WHERE o.id <> $1 AND ${condition})`,
      );
    }
    const text =
      `UPDATE ${model.qualifiedTable} AS t SET created_at = $2, updated_at = $3, version = $4, data = $5::jsonb ` +
      `WHERE t.id = $1 AND t.version = $6${guards.map((guard) => ` AND ${guard}`).join('')}`;
    return { text, values: params.values };
  }

  #uniqueWhere(fields: string[], record: StoredRecord): WhereNode | undefined {
    const values = fields.map((field) => getPath(record, field));
    if (values.some((value) => value === null || value === undefined)) return undefined;
    return {
      kind: 'and',
      items: fields.map((field, i) => ({ kind: 'cmp', field, op: 'eq', value: values[i] as never })),
    };
  }

  async delete(collection: string, id: string, expectedVersion?: number): Promise<void> {
    const model = this.#model(collection);
    if (typeof id !== 'string') {
      throw new StoreError('NOT_FOUND', `${collection} ${String(id)} does not exist`, {
        details: { collection, id },
      });
    }
    const versioned = expectedVersion !== undefined;
    const expected =
      versioned && Number.isInteger(expectedVersion) && expectedVersion >= 0 && expectedVersion <= MAX_VERSION
        ? expectedVersion
        : -1;
    const statement = versioned
      ? { ...model.statements.removeVersioned, values: [id, expected] }
      : { ...model.statements.remove, values: [id] };
    const result = await this.#exec(statement, `delete from ${collection}`, true);
    if (result.rowCount === 0) throw await this.#whyNot(model, id, versioned ? expected : undefined);
  }

  async find(collection: string, query: StoreFindQuery): Promise<StoredRecord[]> {
    const model = this.#model(collection);
    const statement = findStatement(model.qualifiedTable, model.spec.schema, query);
    const result = await this.#exec<SelectedRow>(statement, `find in ${collection}`, false);
    return result.rows.map(fromRow);
  }

  async count(collection: string, where?: WhereNode): Promise<number> {
    const model = this.#model(collection);
    const params = new Params();
    const condition = whereSql(where, { schema: model.spec.schema, alias: 't', params });
    const result = await this.#exec<{ n: string }>(
      {
        text: `SELECT count(*) AS n FROM ${model.qualifiedTable} AS t WHERE ${condition}`,
        values: params.values,
      },
      `count in ${collection}`,
      false,
    );
    return Number(result.rows[0]?.n ?? 0);
  }

  async aggregate(collection: string, query: StoreAggregateQuery): Promise<AggregateRow[]> {
    const model = this.#model(collection);
    const params = new Params();
    const statement = aggregateStatement(model.qualifiedTable, model.spec.schema, query, params);
    const result = await this.#exec<Record<string, unknown>>(
      { text: statement.text, values: params.values },
      `aggregate ${collection}`,
      false,
    );
    return statement.decode(result.rows);
  }

  /** Explains an update or delete that matched no row: absent, another version, or a unique value taken. */
  async #whyNot(
    model: CollectionModel,
    id: string,
    expectedVersion: number | undefined,
    record?: StoredRecord,
  ): Promise<StoreError> {
    const name = model.spec.name;
    const result = await this.#exec<{ version: number }>(
      { ...model.statements.version, values: [id] },
      `check ${name} ${id}`,
      false,
    );
    const versionError = versionCheckError(name, id, result.rows[0], expectedVersion);
    if (versionError) return versionError;
    return (
      (record && (await this.#uniqueConflict(model, record))) ??
      new StoreError('CONFLICT', `${name} ${id} conflicts with a concurrent write; retry`, {
        details: { collection: name, id },
      })
    );
  }

  /** Explains an insert that `ON CONFLICT DO NOTHING` skipped: the id exists, or a unique value is taken. */
  async #insertConflict(model: CollectionModel, record: StoredRecord): Promise<StoreError> {
    const name = model.spec.name;
    const result = await this.#exec(
      { ...model.statements.version, values: [record.id] },
      `check ${name} ${record.id}`,
      false,
    );
    if (result.rows.length > 0) {
      return new StoreError('CONFLICT', `${name} ${record.id} already exists`, {
        details: { collection: name, id: record.id },
      });
    }
    return (
      (await this.#uniqueConflict(model, record)) ??
      new StoreError('CONFLICT', `${name} ${record.id} conflicts with a concurrent insert; retry`, {
        details: { collection: name, id: record.id },
      })
    );
  }

  async #uniqueConflict(model: CollectionModel, record: StoredRecord): Promise<StoreError | undefined> {
    const name = model.spec.name;
    for (const index of model.unique) {
      const where = this.#uniqueWhere(index.fields, record);
      if (!where) continue;
      const params = new Params();
      const self = params.add(record.id, 'text');
      const condition = whereSql(where, { schema: model.spec.schema, alias: 't', params });
      const result = await this.#exec<{ id: string }>(
        {
          text: `SELECT t.id FROM ${model.qualifiedTable} AS t WHERE t.id <> ${self} AND ${condition} LIMIT 1`,
          values: params.values,
        },
        `check unique values of ${name} ${record.id}`,
        false,
      );
      const other = result.rows[0]?.id;
      if (other !== undefined) {
        const values = index.fields.map((field) => getPath(record, field));
        return new StoreError(
          'CONFLICT',
          `${name} ${record.id}: ${describeValues(index.fields, values)} is already used by ${name} ${other}`,
          { details: { collection: name, id: record.id, fields: index.fields, conflictingId: other } },
        );
      }
    }
    return undefined;
  }
}
