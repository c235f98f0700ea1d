import {
  type Actor,
  createKernel,
  createManualClock,
  defineEntity,
  definePlugin,
  type Kernel,
  normalizeAggregate,
  normalizeSort,
  normalizeWhere,
  type StoredRecord,
  type Where,
  withSystemFields,
} from '@rapport/core';
import { aggregateInMemory, findInMemory } from '@rapport/core/store-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresStore } from './pg-store.js';
import { adminPool, dropSchema, postgresUrl, uniqueSchema } from './test-support/database.js';

// Field names and values that break naive SQL building: quotes, backslashes, an injection
// attempt, `$1`, unicode, LIKE wildcards. Every one must round-trip, filter, sort, index and
// aggregate exactly, and every table must survive.

const KEYS = {
  quote: "it's",
  dquote: 'say "hi"',
  backslash: 'back\\slash',
  injection: "x'); DROP TABLE rapport_hostile; --",
  dollar: '$1',
  unicode: 'ünï 名前 😀',
  spaced: ' spaced name ',
  percent: '50%_off',
} as const;
const FIELDS = Object.values(KEYS);
const VALUES = [
  "it's",
  "''",
  '"',
  '\\',
  "\\'",
  "'; DROP TABLE rapport_hostile; --",
  '$1',
  '$2::text',
  '%',
  '_',
  '\\%',
  'ünï 名前 😀',
  '',
  "E'\\x41'",
  '{a,b}',
  'null',
];

const Hostile = defineEntity<Record<string, string>>({
  name: 'hostile',
  plural: 'hostiles',
  schema: {
    type: 'object',
    properties: Object.fromEntries(FIELDS.map((field) => [field, { type: 'string' }])),
  },
  indexes: [
    [KEYS.injection],
    [KEYS.quote, KEYS.dollar],
    { fields: [KEYS.unicode], unique: true },
    [KEYS.percent],
  ],
});
const plugin = definePlugin({
  id: 'hostile',
  version: '1.0.0',
  register: (ctx) => ctx.entities.define(Hostile),
});
const admin: Actor = { id: 'admin', kind: 'user', roles: ['admin'] };
const schema = withSystemFields({
  type: 'object',
  properties: Object.fromEntries(FIELDS.map((field) => [field, { type: 'string' }])),
});

describe('hostile field names and values', () => {
  const pgSchema = `rapport "weird"; schema ${uniqueSchema('h').slice(8)}`;
  let kernel: Kernel;
  const created: StoredRecord[] = [];
  const repo = () => kernel.data<Record<string, string>>('hostile', { actor: admin });

  beforeAll(async () => {
    kernel = await createKernel({
      store: postgresStore({ url: postgresUrl(), schema: pgSchema }),
      plugins: [plugin()],
      clock: createManualClock('2026-05-01T00:00:00Z'),
      logger: { level: 'silent' },
      jobs: { timer: false },
    });
    await kernel.start();
    for (const [i, value] of VALUES.entries()) {
      const record: Record<string, string> = {};
      for (const [j, field] of FIELDS.entries()) {
        // a different hostile value per field; the unique field gets each value once
        record[field] = field === KEYS.unicode ? value : (VALUES[(i + j) % VALUES.length] as string);
      }
      created.push(await repo().create(record));
    }
  });
  afterAll(async () => {
    await kernel?.stop();
    await dropSchema(pgSchema);
  });

  it('round-trips every hostile key and value exactly', async () => {
    for (const record of created) expect(await repo().get(record.id)).toEqual(record);
  });

  it.each(FIELDS)('filters on %j with every operator as the reference does', async (field) => {
    for (const value of VALUES) {
      const wheres: Where[] = [
        { [field]: value },
        { [field]: { ne: value } },
        { [field]: { gt: value } },
        { [field]: { lte: value } },
        { [field]: { in: [value, '$1'] } },
        { [field]: { contains: value } },
        { [field]: { startsWith: value } },
        { not: { [field]: { startsWith: value } } },
      ];
      for (const where of wheres) {
        const node = normalizeWhere(where, schema);
        const expected = findInMemory(created, {
          ...(node ? { where: node } : {}),
          sort: [{ field: 'id', direction: 'asc' }],
          limit: 1000,
        }).map((r) => r.id);
        const found = (await repo().find({ where, sort: ['id'], limit: 500 })).items.map((r) => r.id);
        expect({ where, found }).toEqual({ where, found: expected });
      }
    }
  });

  it('treats LIKE wildcards in startsWith literally', async () => {
    const names = async (prefix: string) =>
      (await repo().find({ where: { [KEYS.unicode]: { startsWith: prefix } }, limit: 500 })).items.map(
        (r) => r[KEYS.unicode],
      );
    expect((await names('%')).sort()).toEqual(['%']);
    expect((await names('_')).sort()).toEqual(['_']);
    expect((await names('\\')).sort()).toEqual(['\\', "\\'", '\\%'].sort());
  });

  it('sorts and aggregates by hostile fields', async () => {
    for (const field of FIELDS) {
      const sort = [`-${field}`, field === KEYS.quote ? KEYS.dollar : KEYS.quote];
      const expected = findInMemory(created, { sort: normalizeSort(sort, schema), limit: 1000 }).map(
        (r) => r.id,
      );
      expect((await repo().find({ sort, limit: 500 })).items.map((r) => r.id)).toEqual(expected);
      const query = { groupBy: [field], measures: { n: 'count', top: `max:${KEYS.dollar}` } };
      expect(await repo().aggregate(query)).toEqual(
        aggregateInMemory(created, normalizeAggregate(query, schema)),
      );
    }
  });

  it('enforces the unique index on a hostile field name', async () => {
    await expect(repo().create({ [KEYS.unicode]: "it's" })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('leaves every table in place', async () => {
    const { rows } = await adminPool().query<{ tablename: string }>(
      'SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename',
      [pgSchema],
    );
    expect(rows.map((r) => r.tablename)).toEqual([
      'rapport__audit',
      'rapport__idempotency',
      'rapport__jobs',
      'rapport__links',
      'rapport__outbox',
      'rapport__secrets',
      'rapport_hostile',
      'rapport_schema_migrations',
    ]);
    expect(await repo().count()).toBe(created.length);
  });
});

describe('hostile names given to the store itself', () => {
  it('refuses collection names that are not plain identifiers', async () => {
    const schemaName = uniqueSchema('hn');
    const store = postgresStore({ url: postgresUrl(), schema: schemaName });
    for (const name of ['x"; DROP TABLE y; --', 'a b', '1abc', '', 'dé']) {
      await expect(
        store.open({
          collections: [{ name, schema: withSystemFields({ type: 'object', properties: {} }), indexes: [] }],
        }),
      ).rejects.toMatchObject({ code: 'INVALID' });
    }
    await store.close();
    await dropSchema(schemaName);
  });

  it('refuses a hostile table prefix and unusable schema names at construction', () => {
    expect(() => postgresStore({ url: postgresUrl(), tablePrefix: 'x"; --' })).toThrow(
      expect.objectContaining({ code: 'INVALID' }),
    );
    expect(() => postgresStore({ url: postgresUrl(), schema: 'a\u0000b' })).toThrow(
      expect.objectContaining({ code: 'INVALID' }),
    );
    expect(() => postgresStore({ url: postgresUrl(), schema: 'x'.repeat(64) })).toThrow(
      expect.objectContaining({ code: 'INVALID' }),
    );
  });
});
