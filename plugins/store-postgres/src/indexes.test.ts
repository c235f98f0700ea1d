import { type StoreFindQuery, type StoreSchema, type WhereNode, withSystemFields } from '@rapport/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PostgresStore, postgresStore } from './pg-store.js';
import { adminPool, dropSchema, postgresUrl, uniqueSchema } from './test-support/database.js';

// The index expressions and the query expressions come from the same code; this checks that
// PostgreSQL agrees they match, so a filtered or sorted page reads from the index.

const SCHEMA: StoreSchema = {
  collections: [
    {
      name: 'item',
      schema: withSystemFields({
        type: 'object',
        properties: {
          owner: { type: 'string' },
          status: { type: 'string' },
          qty: { type: 'integer' },
          code: { type: 'string' },
          flag: { type: 'boolean' },
          any: {},
        },
      }),
      indexes: [
        { fields: ['owner', 'status'] },
        { fields: ['qty'] },
        { fields: ['code'], unique: true },
        { fields: ['flag'] },
        { fields: ['any'] },
      ],
    },
  ],
};

describe('expression indexes serve the queries', () => {
  const schema = uniqueSchema('idx');
  let store: PostgresStore;

  beforeAll(async () => {
    store = postgresStore({ url: postgresUrl(), schema, max: 2 });
    await store.open(SCHEMA);
    await adminPool().query(
      `INSERT INTO ${store.tableOf('item')} (id, created_at, updated_at, version, data)
       SELECT lpad(i::text, 6, '0'), '2026', '2026', 1, jsonb_build_object(
         'owner', 'u' || (i % 300), 'status', (ARRAY['open','won','lost'])[1 + i % 3], 'qty', i % 1000,
         'code', 'c' || i, 'flag', i % 50 = 0, 'any', CASE WHEN i % 2 = 0 THEN to_jsonb(i % 400) ELSE to_jsonb('s' || (i % 400)) END)
       FROM generate_series(1, 6000) AS i`,
    );
    await adminPool().query(`ANALYZE ${store.tableOf('item')}`);
  });
  afterAll(async () => {
    await store?.close();
    await dropSchema(schema);
  });

  const plan = async (query: StoreFindQuery): Promise<string> => {
    const { text, values } = store.findSql('item', query);
    const client = await adminPool().connect();
    try {
      await client.query('SET enable_seqscan = off');
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, values);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    } finally {
      await client.query('RESET enable_seqscan');
      client.release();
    }
  };
  const id = { field: 'id', direction: 'asc' as const };

  it.each([
    [
      'eq on the first field of a compound index',
      { kind: 'cmp', field: 'owner', op: 'eq', value: 'u7' },
      'owner_status',
    ],
    ['in on a string field', { kind: 'cmp', field: 'owner', op: 'in', value: ['u1', 'u2'] }, 'owner_status'],
    ['a range on a number', { kind: 'cmp', field: 'qty', op: 'lt', value: 3 }, 'qty'],
    ['eq on a unique field', { kind: 'cmp', field: 'code', op: 'eq', value: 'c42' }, 'code'],
    ['eq on a boolean', { kind: 'cmp', field: 'flag', op: 'eq', value: true }, 'flag'],
    ['eq on an untyped field', { kind: 'cmp', field: 'any', op: 'eq', value: 's7' }, 'any'],
  ] as Array<[string, WhereNode, string]>)('%s', async (_label, where, index) => {
    const explained = await plan({ where, sort: [id], limit: 50 });
    expect(explained).toMatch(new RegExp(`rapport_item__${index}_[0-9a-f]{10}`));
  });

  it('reads a page sorted by an indexed field in index order (no sort step)', async () => {
    const explained = await plan({
      sort: [
        { field: 'qty', direction: 'desc' },
        { ...id, direction: 'desc' },
      ],
      limit: 50,
    });
    expect(explained).toMatch(/Index Scan Backward using rapport_item__qty_/);
    expect(explained).not.toMatch(/Sort/);
  });

  it('reads the next keyset page of a filtered list from the compound index', async () => {
    const explained = await plan({
      where: {
        kind: 'and',
        items: [
          { kind: 'cmp', field: 'owner', op: 'eq', value: 'u7' },
          { kind: 'cmp', field: 'status', op: 'eq', value: 'won' },
        ],
      },
      sort: [id],
      after: ['003000'],
      limit: 50,
    });
    expect(explained).toMatch(/rapport_item__owner_status_/);
  });
});

describe('a list page filtered on the leading field of [field, createdAt] and sorted newest first', () => {
  // The shape of `GET /api/customers?where[ownerId]=…&sort=-createdAt&limit=50`: the declared
  // index `['owner', 'createdAt']` becomes `(owner, created_at, id)`, and the planner, left free
  // (sequential scans allowed, real statistics), reads the newest 50 of one owner from its end.
  const schema = uniqueSchema('idxpage');
  let store: PostgresStore;
  const PAGE_SCHEMA: StoreSchema = {
    collections: [
      {
        name: 'page',
        schema: withSystemFields({ type: 'object', properties: { owner: { type: 'string' } } }),
        indexes: [{ fields: ['owner', 'createdAt'] }],
      },
    ],
  };

  beforeAll(async () => {
    store = postgresStore({ url: postgresUrl(), schema, max: 2 });
    await store.open(PAGE_SCHEMA);
    await adminPool().query(
      `INSERT INTO ${store.tableOf('page')} (id, created_at, updated_at, version, data)
       SELECT lpad(i::text, 6, '0'), to_char(timestamp '2026-01-01' + i * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"'),
         '2026', 1, jsonb_build_object('owner', 'u' || (i % 14))
       FROM generate_series(1, 30000) AS i`,
    );
    await adminPool().query(`ANALYZE ${store.tableOf('page')}`);
  });
  afterAll(async () => {
    await store?.close();
    await dropSchema(schema);
  });

  const explain = async (query: StoreFindQuery): Promise<string> => {
    const { text, values } = store.findSql('page', query);
    const { rows } = await adminPool().query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, values);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  };
  const newestFirst = [
    { field: 'createdAt', direction: 'desc' as const },
    { field: 'id', direction: 'asc' as const },
  ];
  const where: WhereNode = { kind: 'cmp', field: 'owner', op: 'eq', value: 'u3' };

  it('reads the first page backwards from the compound index', async () => {
    const explained = await explain({ where, sort: newestFirst, limit: 50 });
    expect(explained).toMatch(/Index Scan Backward using "?rapport_page__owner_createdAt_[0-9a-f]{10}/);
    expect(explained).not.toMatch(/Seq Scan|Bitmap/);
  });

  it('starts a later keyset page at its cursor inside the index, not by filtering from the top', async () => {
    const explained = await explain({
      where,
      sort: newestFirst,
      limit: 50,
      after: ['2026-01-10T00:00:00.000Z', '012345'],
    });
    expect(explained).toMatch(/Index Scan Backward using "?rapport_page__owner_createdAt_/);
    expect(explained).toMatch(/Index Cond: \(.*created_at <= /);
  });

  it('answers the page the in-memory definition gives', async () => {
    const page = await store.transaction((tx) => tx.find('page', { where, sort: newestFirst, limit: 5 }));
    expect(page.map((record) => record.createdAt)).toEqual(
      [...page.map((record) => record.createdAt)].sort().reverse(),
    );
    expect(page.every((record) => record.owner === 'u3')).toBe(true);
    expect(page).toHaveLength(5);
  });
});
