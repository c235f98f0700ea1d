import { randomUUID } from 'node:crypto';
import {
  type Actor,
  createKernel,
  defineEntity,
  definePlugin,
  newId,
  type StoredRecord,
  type StoreFindQuery,
  type Where,
} from '@rapport/core';
import { type PostgresStore, postgresStore } from '@rapport/store-postgres';
import { escapeIdentifier, Pool } from 'pg';
import { Bench } from 'tinybench';
import { concurrently } from '../measure.js';
import { type Row, rowsOf } from '../report.js';

/** Connections (and concurrent writers) in the create benchmarks. */
const CONNECTIONS = 16;
const CITIES = 200;
const SEGMENTS = 20;
const NOW = '2026-05-01T00:00:00.000Z';
const actor: Actor = { id: 'bench', kind: 'user', roles: ['admin'] };

const CustomerEntity = defineEntity({
  name: 'customer',
  plural: 'customers',
  schema: {
    type: 'object',
    properties: {
      name: { type: 'string', maxLength: 200 },
      email: { type: 'string' },
      segment: { type: 'string' },
      city: { type: 'string' },
      score: { type: 'integer' },
    },
    required: ['name'],
  },
  indexes: [{ fields: ['email'], unique: true }, 'segment', 'city', 'score'],
});
const plugin = definePlugin({
  id: 'bench-postgres',
  version: '0',
  register: (ctx) => ctx.entities.define(CustomerEntity),
});

/** Figures of a fixed-duration run of concurrent workers. */
/** A stored customer as the kernel would write it. */
function customer(i: number): StoredRecord {
  const id = newId();
  return {
    id,
    createdAt: NOW,
    updatedAt: NOW,
    version: 1,
    name: `Customer ${i}`,
    email: `c${i}-${id.slice(-12)}@example.com`,
    segment: `s${i % SEGMENTS}`,
    city: `c${String(i % CITIES).padStart(3, '0')}`,
    score: i % 10_000,
  };
}

/**
 * PostgreSQL store figures at `size` customers, each beside a raw `pg` baseline run in the
 * same process against the same server: get by id (adapter and repository vs a raw
 * `SELECT … WHERE id = $1` loop, prepared as the adapter's is, and unnamed), creates with 16 connections (adapter and repository vs raw
 * parameterized INSERTs on a 16-connection pool), and two indexed filters (vs the very SQL the
 * adapter sends, run raw). The customers are preloaded with one INSERT … SELECT; everything
 * lives in a throwaway PG schema dropped at the end.
 */
export async function postgresSuite(options: { time: number; url: string; size: number }): Promise<Row[]> {
  const { time, url, size } = options;
  const schema = `rapport_bench_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
  const store: PostgresStore = postgresStore({ url, schema, max: CONNECTIONS, logger: {} });
  const raw = new Pool({ connectionString: url, max: CONNECTIONS });
  const kernel = await createKernel({
    store,
    plugins: [plugin()],
    logger: { level: 'silent' },
    jobs: { timer: false },
  });
  await kernel.start();
  try {
    const table = store.tableOf('customer');
    await raw.query(
      `INSERT INTO ${table} (id, created_at, updated_at, version, data)
       SELECT gen_random_uuid()::text, $2, $2, 1, jsonb_build_object(
         'name', 'Customer ' || i, 'email', 'c' || i || '@example.com', 'segment', 's' || (i % ${SEGMENTS}),
         'city', 'c' || lpad((i % ${CITIES})::text, 3, '0'), 'score', i % 10000)
       FROM generate_series(1, $1::int) AS i`,
      [size, NOW],
    );
    await raw.query(`ANALYZE ${table}`);
    const ids = (
      await raw.query<{ id: string }>(`SELECT id FROM ${table} ORDER BY random() LIMIT 10000`)
    ).rows.map((row) => row.id);
    let n = 0;
    const pick = () => ids[(n++ * 7919) % ids.length] as string;
    const repo = kernel.data('customer', { actor });
    const label = size.toLocaleString('en-US');
    const benchOptions = { time, warmupTime: Math.min(300, time / 4) };

    const select = `SELECT id, created_at, updated_at, version, data FROM ${table} WHERE id = $1`;
    const get = new Bench(benchOptions)
      .add('baseline: raw pg prepared SELECT … WHERE id = $1', async () => {
        await raw.query({ name: 'bench_get', text: select, values: [pick()] });
      })
      .add('raw pg SELECT … WHERE id = $1 (unnamed)', async () => {
        await raw.query(select, [pick()]);
      })
      .add('adapter: transaction → tx.get', async () => {
        await store.transaction((tx) => tx.get('customer', pick()));
      })
      .add('repository.get (access check, rules)', async () => {
        await repo.get(pick());
      });
    await get.run();

    let created = 0;
    const next = () => {
      created += 1;
      return created;
    };
    const createRows: Row[] = [];
    const suiteCreate = `postgres create ×${CONNECTIONS} @${label}`;
    createRows.push({
      suite: suiteCreate,
      name: `baseline: raw pg INSERT, ${CONNECTIONS} connections`,
      ...(await concurrently(CONNECTIONS, time, async () => {
        const record = customer(next());
        const { id, createdAt, updatedAt, version, ...data } = record;
        await raw.query(
          `INSERT INTO ${table} (id, created_at, updated_at, version, data) VALUES ($1, $2, $3, $4, $5::jsonb)`,
          [id, createdAt, updatedAt, version, JSON.stringify(data)],
        );
      })),
    });
    createRows.push({
      suite: suiteCreate,
      name: `adapter: transaction → tx.insert, ${CONNECTIONS} connections`,
      ...(await concurrently(CONNECTIONS, time, async () => {
        const record = customer(next());
        await store.transaction((tx) => tx.insert('customer', record));
      })),
    });
    createRows.push({
      suite: suiteCreate,
      name: `repository.create (validation, hooks, audit), ${CONNECTIONS} callers`,
      ...(await concurrently(CONNECTIONS, time, async () => {
        const i = next();
        await repo.create({
          name: `New ${i}`,
          email: `new${i}@example.com`,
          segment: 's1',
          city: 'c001',
          score: i,
        });
      })),
    });

    const filterRows = async (name: string, query: StoreFindQuery, where: Where, sort?: string[]) => {
      const sql = store.findSql('customer', query);
      const bench = new Bench(benchOptions)
        .add('baseline: the same SQL through raw pg', async () => {
          await raw.query(sql.text, sql.values);
        })
        .add('adapter: transaction → tx.find', async () => {
          await store.transaction((tx) => tx.find('customer', query));
        })
        .add('repository.find (validation, rules, cursor)', async () => {
          await repo.find({ where, limit: 50, ...(sort ? { sort } : {}) });
        });
      await bench.run();
      return rowsOf(`postgres filter ${name} @${label}`, bench);
    };
    const byId = [{ field: 'id', direction: 'asc' as const }];
    const city = await filterRows(
      "city = 'c042', 50 by id",
      { where: { kind: 'cmp', field: 'city', op: 'eq', value: 'c042' }, sort: byId, limit: 51 },
      { city: 'c042' },
    );
    const range = await filterRows(
      'score 5000..5099, 50 by score',
      {
        where: {
          kind: 'and',
          items: [
            { kind: 'cmp', field: 'score', op: 'gte', value: 5000 },
            { kind: 'cmp', field: 'score', op: 'lt', value: 5100 },
          ],
        },
        sort: [{ field: 'score', direction: 'asc' }, ...byId],
        limit: 51,
      },
      { score: { gte: 5000, lt: 5100 } },
      ['score'],
    );
    return [...rowsOf(`postgres get @${label}`, get), ...createRows, ...city, ...range];
  } finally {
    await kernel.stop();
    await raw.query(`DROP SCHEMA IF EXISTS ${escapeIdentifier(schema)} CASCADE`).catch(() => undefined);
    await raw.end();
  }
}
