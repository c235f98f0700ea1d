import { randomUUID } from 'node:crypto';
import { escapeIdentifier, Pool } from 'pg';
import { afterAll, inject } from 'vitest';

let admin: Pool | undefined;

/** The database URL the global setup found. */
export function postgresUrl(): string {
  return inject('postgresUrl');
}

/** A fresh PG schema name for one test location (`rapport_t_<random>`). */
export function uniqueSchema(label = 't'): string {
  return `rapport_${label}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

/** A small pool for set-up and inspection, ended after the file's tests. */
export function adminPool(): Pool {
  if (!admin) {
    const pool = new Pool({ connectionString: postgresUrl(), max: 3 });
    admin = pool;
    afterAll(async () => {
      admin = undefined;
      await pool.end();
    });
  }
  return admin;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  await adminPool().query(`DROP SCHEMA IF EXISTS ${escapeIdentifier(schema)} CASCADE`);
}
