import pg from 'pg';

const COLUMNS = 'id, created_at, updated_at, version, data';

/**
 * The PostgreSQL baseline's work: the same prepared `SELECT … WHERE id = $1` the store runs on the
 * server's customer table (schema `schema`), and the same single-row `INSERT` into a table of the
 * same shape (`bench_bare.customer`), each on a pool of the store's default size with
 * `synchronous_commit` on (PostgreSQL's default; the insert commits durably).
 */
export async function barePostgres(url: string, schema: string) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query('CREATE SCHEMA IF NOT EXISTS bench_bare');
  await pool.query(
    'CREATE TABLE IF NOT EXISTS bench_bare.customer (id text PRIMARY KEY, created_at text NOT NULL, ' +
      'updated_at text NOT NULL, version integer NOT NULL, data jsonb NOT NULL)',
  );
  await pool.query('TRUNCATE bench_bare.customer');
  // The store names its tables `rapport_<collection>` by default.
  const table = `"${schema}"."rapport_customer"`;
  return {
    async get(id: string): Promise<Record<string, unknown> | undefined> {
      const result = await pool.query({
        name: 'bare-get',
        text: `SELECT ${COLUMNS} FROM ${table} WHERE id = $1`,
        values: [id],
      });
      const row = result.rows[0] as { data: Record<string, unknown>; version: number } | undefined;
      return row ? { ...row.data, id, version: row.version } : undefined;
    },
    async insert(record: Record<string, unknown> & { id: string; createdAt: string }): Promise<void> {
      await pool.query({
        name: 'bare-insert',
        text: `INSERT INTO bench_bare.customer (${COLUMNS}) VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT DO NOTHING`,
        values: [record.id, record.createdAt, record.createdAt, 1, JSON.stringify(record)],
      });
    },
    async close(): Promise<void> {
      await pool.end();
    },
  };
}
