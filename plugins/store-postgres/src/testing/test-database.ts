import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { findPostgresBin, noServerMessage, startCluster } from './cluster.js';

/** A PostgreSQL database for one test file: its URL, fresh schemas, and how to let go of it. */
export interface TestDatabase {
  url: string;
  /** Where it came from, for the test log. */
  origin: string;
  /** A fresh PG schema name (`<prefix>_<random>`); pass it as `postgresStore({ schema })`. */
  schema(): string;
  dropSchema(schema: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The PostgreSQL server a plugin's tests run against: `DATABASE_URL` when set (CI sets it
 * through `.ci/postgres`), else a throwaway cluster from local binaries (`POSTGRES_BIN_DIR`,
 * `/usr/lib/postgresql/<v>/bin` or `pg_config`). With neither it throws, so a PostgreSQL run
 * fails rather than silently skipping.
 *
 * @example
 * ```ts
 * const db = await testDatabase('rapport_sales');
 * const schema = db.schema();
 * const store = postgresStore({ url: db.url, schema });
 * // ... afterAll: await db.dropSchema(schema); await db.stop();
 * ```
 */
export async function testDatabase(schemaPrefix = 'rapport_t'): Promise<TestDatabase> {
  let url = process.env.DATABASE_URL;
  let origin = 'DATABASE_URL';
  let stopCluster: (() => Promise<void>) | undefined;
  if (!url) {
    const bin = await findPostgresBin();
    if (!bin) throw new Error(noServerMessage());
    const cluster = await startCluster(bin);
    url = cluster.url;
    stopCluster = cluster.stop;
    origin = `a throwaway cluster from ${bin}`;
  }
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  return {
    url,
    origin,
    schema: () => `${schemaPrefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`,
    dropSchema: async (schema) => {
      await admin.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
    },
    stop: async () => {
      await admin.end();
      await stopCluster?.();
    },
  };
}
