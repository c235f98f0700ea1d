import {
  type DataStore,
  StoreError,
  type StoreFindQuery,
  type StoreSchema,
  type StoreTx,
} from '@rapport/core';
import { Pool, type PoolClient } from 'pg';
import { isConnectionError, toStoreError } from './errors.js';
import { type PostgresStoreOptions, resolveOptions } from './options.js';
import { PgTx } from './pg-tx.js';
import { type CollectionModel, collectionModel, createTableSql } from './schema/collection.js';
import { type MigrationReport, migrate, migrationsTable } from './schema/migrate.js';
import { quoteIdent } from './schema/names.js';
import { findStatement, type SqlStatement } from './sql/find.js';

/** The PostgreSQL {@link DataStore}, plus what operators and tests may want to see. */
export interface PostgresStore extends DataStore {
  /** The PostgreSQL schema holding the tables. */
  readonly schema: string;
  /** The pool in use (the caller's, or the one the store made). */
  readonly pool: Pool;
  /** The qualified table (`"public"."rapport_deal"`) of an opened collection. */
  tableOf(collection: string): string;
  /** What the last `open` changed (`undefined` before it). */
  readonly lastMigration: MigrationReport | undefined;
  /**
   * The SQL and bound values a `find` runs, for `EXPLAIN` when a query is slow (the store must
   * be open).
   */
  findSql(collection: string, query: StoreFindQuery): SqlStatement;
  /**
   * The `CREATE … IF NOT EXISTS` statements `open(schema)` would run (tables, then indexes),
   * without touching the database: review them, or build a large index by hand first with
   * `CREATE INDEX CONCURRENTLY` under the same name, which `open` then finds and records.
   */
  ddl(schema: StoreSchema): string[];
}

/**
 * A {@link DataStore} on PostgreSQL through a `pg` pool: one table per collection (system
 * fields as columns, the record's own fields as `jsonb`), expression indexes from the index
 * specs, `find`/`count`/`aggregate` compiled to SQL with bound parameters, version-checked
 * updates, and versioned idempotent migrations on `open`. Several processes may share one
 * database (`multiProcess: true`).
 *
 * @example
 * ```ts
 * const kernel = await createKernel({
 *   store: postgresStore({ url: process.env.DATABASE_URL }),
 *   plugins: [customers(), sales()],
 * });
 * await kernel.start(); // creates or migrates the tables
 * ```
 */
export function postgresStore(options: PostgresStoreOptions): PostgresStore {
  const resolved = resolveOptions(options);
  const { schema, prefix, prepared, logger } = resolved;
  const owned = resolved.pool === undefined;
  const pool = resolved.pool ?? new Pool(resolved.poolConfig);
  if (owned) {
    // An idle connection dropped by the server must not crash the process.
    pool.on('error', (error) => logger.warn?.({ err: error }, 'an idle PostgreSQL connection failed'));
  }
  let state: 'new' | 'open' | 'closed' = 'new';
  let collections = new Map<string, CollectionModel>();
  let lastMigration: MigrationReport | undefined;
  let ended: Promise<void> | undefined;

  const assertOpen = (): void => {
    if (state === 'new')
      throw new StoreError('UNAVAILABLE', 'the postgres store is not open yet: call open() first');
    if (state === 'closed') throw new StoreError('UNAVAILABLE', 'the postgres store is closed');
  };

  /** Models every collection of a schema; refuses bad names and two collections sharing a table. */
  const plan = (storeSchema: StoreSchema): Map<string, CollectionModel> => {
    const models = new Map<string, CollectionModel>();
    const tables = new Map<string, string>([[migrationsTable(prefix), '(the migrations table)']]);
    for (const spec of storeSchema.collections) {
      const model = collectionModel(schema, prefix, spec);
      const clash = tables.get(model.table);
      if (clash !== undefined || models.has(spec.name)) {
        throw new StoreError(
          'INVALID',
          `collection '${spec.name}' would use table ${model.table}, already used by ${clash ?? `'${spec.name}'`}`,
          { details: { collection: spec.name, table: model.table } },
        );
      }
      tables.set(model.table, `collection '${spec.name}'`);
      models.set(spec.name, model);
    }
    return models;
  };

  const modelOf = (collection: string): CollectionModel => {
    const model = collections.get(collection);
    if (!model)
      throw new StoreError('INVALID', `unknown collection '${collection}'`, { details: { collection } });
    return model;
  };

  const connect = async (): Promise<PoolClient> => {
    try {
      return await pool.connect();
    } catch (error) {
      throw toStoreError(error, 'connecting to PostgreSQL');
    }
  };

  return {
    name: 'postgres',
    capabilities: { multiProcess: true, durable: true },
    schema,
    pool,
    get lastMigration() {
      return lastMigration;
    },

    tableOf(collection: string): string {
      return modelOf(collection).qualifiedTable;
    },

    findSql(collection: string, query: StoreFindQuery): SqlStatement {
      const model = modelOf(collection);
      return findStatement(model.qualifiedTable, model.spec.schema, query);
    },

    ddl(storeSchema: StoreSchema): string[] {
      const models = [...plan(storeSchema).values()];
      return [
        ...models.map((model) => createTableSql(model.qualifiedTable)),
        ...models.flatMap((model) =>
          model.indexes.map((index) => index.create(model.qualifiedTable, quoteIdent(index.name))),
        ),
      ];
    },

    async open(storeSchema: StoreSchema): Promise<void> {
      if (state === 'closed') throw new StoreError('UNAVAILABLE', 'the postgres store is closed');
      const models = plan(storeSchema);
      const client = await connect();
      let failure: unknown;
      const onError = (error: Error): void => {
        failure ??= error;
      };
      client.on('error', onError);
      try {
        lastMigration = await migrate(client, {
          schema,
          prefix,
          collections: [...models.values()],
          ...(logger.info ? { logger: { info: logger.info.bind(logger) } } : {}),
        });
      } catch (error) {
        failure = error;
        throw error;
      } finally {
        if (failure === undefined) client.removeListener('error', onError);
        client.release(failure === undefined ? undefined : (failure as Error));
      }
      collections = models;
      state = 'open';
    },

    async transaction<R>(fn: (tx: StoreTx) => Promise<R>): Promise<R> {
      assertOpen();
      const client = await connect();
      const tx = new PgTx(client, collections, prepared);
      let result: R;
      try {
        result = await fn(tx);
      } catch (error) {
        await tx.finish(false).catch(() => undefined);
        tx.release();
        throw error;
      }
      try {
        await tx.finish(true);
      } finally {
        tx.release();
      }
      return result;
    },

    async ping(): Promise<void> {
      assertOpen();
      try {
        await pool.query('SELECT 1');
      } catch (error) {
        throw toStoreError(error, 'ping');
      }
    },

    async close(): Promise<void> {
      state = 'closed';
      if (!owned) return;
      ended ??= pool.end().catch((error: unknown) => {
        if (!isConnectionError(error)) throw toStoreError(error, 'closing the pool');
      });
      await ended;
    },
  };
}
