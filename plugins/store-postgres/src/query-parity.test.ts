import {
  type AggregateQuery,
  type CollectionSpec,
  type JsonValue,
  normalizeAggregate,
  normalizeSort,
  normalizeWhere,
  type SortKey,
  type StoredRecord,
  type Where,
  type WhereNode,
  withSystemFields,
} from '@rapport/core';
import { aggregateInMemory, countInMemory, findInMemory, sortValues } from '@rapport/core/store-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PostgresStore, postgresStore } from './pg-store.js';
import { dropSchema, postgresUrl, uniqueSchema } from './test-support/database.js';
import { pick, seeded } from './test-support/random.js';

// Differential test: random records and random queries, answered by PostgreSQL and by the
// kernel's in-memory reference (`findInMemory`, `countInMemory`, `aggregateInMemory`) over the
// same records; the answers must be identical. Values avoid what the README lists as known
// differences (strings mixing U+E000–U+FFFF with astral characters; exponent-notation numbers
// inside arrays/objects).

const STRINGS = [
  '',
  'a',
  'A',
  'ab',
  'abc',
  'b',
  'B',
  'Zed',
  'zed',
  'é',
  'ß',
  '😀',
  'a b',
  "it's",
  'back\\slash',
  '%_',
  '名前',
  'x\ny',
  '"q"',
];
const NUMBERS = [-10, -1.5, -0.125, 0, 0.25, 1, 2, 2.5, 10, 100, 1_000_000];
const ARRAYS: JsonValue[] = [[], ['a'], ['a', 'b'], ['b'], [1, 'a'], [true], [{ k: 1 }], [[1]]];
const OBJECTS: JsonValue[] = [{}, { k: 1 }, { k: 'a' }, { j: [1], k: 'a' }, { k: null }];

const spec: CollectionSpec = {
  name: 'thing',
  schema: withSystemFields({
    type: 'object',
    properties: {
      s: { type: 'string' },
      n: { type: 'number' },
      i: { type: 'integer' },
      b: { type: 'boolean' },
      tags: { type: 'array', items: { type: 'string' } },
      obj: { type: 'object', properties: { x: { type: 'string' }, y: { type: 'number' } } },
      u: {},
      arr: { type: 'array' },
      ns: { type: ['string', 'null'] },
    },
  }),
  indexes: [{ fields: ['s'] }, { fields: ['n', 'b'] }, { fields: ['u'] }, { fields: ['obj.x'] }],
};
const FIELDS = ['id', 'createdAt', 'version', 's', 'n', 'i', 'b', 'tags', 'obj.x', 'obj.y', 'u', 'arr', 'ns'];

function scalarFor(random: () => number, field: string): JsonValue {
  switch (field) {
    case 's':
    case 'obj.x':
    case 'ns':
    case 'id':
    case 'createdAt':
      return pick(random, STRINGS);
    case 'n':
    case 'obj.y':
      return pick(random, NUMBERS);
    case 'i':
    case 'version':
      return Math.trunc(pick(random, NUMBERS));
    case 'b':
      return random() < 0.5;
    case 'tags':
      return pick(random, STRINGS);
    case 'arr':
      return random() < 0.5 ? pick(random, STRINGS) : pick(random, NUMBERS);
    default:
      return anyValue(random);
  }
}

function anyValue(random: () => number): JsonValue {
  const r = random();
  if (r < 0.25) return pick(random, STRINGS);
  if (r < 0.5) return pick(random, NUMBERS);
  if (r < 0.6) return random() < 0.5;
  if (r < 0.7) return null;
  if (r < 0.85) return structuredClone(pick(random, ARRAYS));
  return structuredClone(pick(random, OBJECTS));
}

function makeRecord(random: () => number, n: number): StoredRecord {
  const record: StoredRecord = {
    id: `r${String(Math.floor(random() * 1e6)).padStart(6, '0')}-${n}`,
    createdAt: `2026-0${1 + Math.floor(random() * 3)}-1${Math.floor(random() * 9)}T00:00:00.000Z`,
    updatedAt: '2026-05-01T00:00:00.000Z',
    version: 1 + Math.floor(random() * 4),
  };
  const maybe = (key: string, make: () => JsonValue) => {
    const r = random();
    if (r < 0.15) return; // missing
    record[key] = r < 0.22 ? null : make();
  };
  maybe('s', () => pick(random, STRINGS));
  maybe('n', () => pick(random, NUMBERS));
  maybe('i', () => Math.trunc(pick(random, NUMBERS)));
  maybe('b', () => random() < 0.5);
  maybe('tags', () => Array.from({ length: Math.floor(random() * 3) }, () => pick(random, STRINGS)));
  maybe('obj', () => {
    const obj: Record<string, JsonValue> = {};
    if (random() < 0.8) obj.x = pick(random, STRINGS);
    if (random() < 0.8) obj.y = pick(random, NUMBERS);
    return obj;
  });
  maybe('u', () => anyValue(random));
  maybe('arr', () => Array.from({ length: Math.floor(random() * 3) }, () => anyValue(random)));
  maybe('ns', () => pick(random, STRINGS));
  return record;
}

const OPERATORS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'contains', 'startsWith', 'exists'];

function makeCondition(random: () => number): Where {
  const field = pick(random, FIELDS);
  const op = pick(random, OPERATORS);
  let value: JsonValue;
  if (op === 'in' || op === 'nin') {
    value = Array.from({ length: Math.floor(random() * 4) }, () =>
      random() < 0.15 ? null : scalarFor(random, field),
    );
  } else if (op === 'exists') value = random() < 0.5;
  else if (op === 'eq' || op === 'ne') {
    const r = random();
    value = r < 0.15 ? null : r < 0.3 && field === 'u' ? anyValue(random) : scalarFor(random, field);
    if (field === 'tags' || field === 'arr') value = r < 0.5 ? structuredClone(pick(random, ARRAYS)) : null;
  } else value = scalarFor(random, field);
  return { [field]: { [op]: value } } as Where;
}

function makeWhere(random: () => number, depth = 0): Where {
  const r = random();
  if (depth >= 3 || r < 0.5) return makeCondition(random);
  const items = Array.from({ length: 1 + Math.floor(random() * 3) }, () => makeWhere(random, depth + 1));
  if (r < 0.7) return { and: items };
  if (r < 0.9) return { or: items };
  return { not: items[0] as Where };
}

function tryWhere(where: Where): WhereNode | undefined | null {
  try {
    return normalizeWhere(where, spec.schema);
  } catch {
    return null; // a query the kernel would refuse: not a store's business
  }
}

function makeSort(random: () => number): SortKey[] {
  const keys = new Set<string>();
  const count = 1 + Math.floor(random() * 3);
  while (keys.size < count)
    keys.add(
      pick(
        random,
        FIELDS.filter((f) => f !== 'id'),
      ),
    );
  return normalizeSort(
    [...keys].map((key) => (random() < 0.5 ? `-${key}` : key)),
    spec.schema,
  );
}

describe('query parity with the in-memory reference', () => {
  const schema = uniqueSchema('parity');
  let store: PostgresStore;
  let records: StoredRecord[] = [];
  const seed = Number(process.env.PARITY_SEED ?? 20260501);

  beforeAll(async () => {
    store = postgresStore({ url: postgresUrl(), schema, max: 4 });
    await store.open({ collections: [spec] });
    const random = seeded(seed);
    const made = Array.from({ length: 160 }, (_, n) => makeRecord(random, n));
    await store.transaction(async (tx) => {
      for (const record of made) await tx.insert('thing', record);
    });
    // Compare against the records as PostgreSQL returns them (jsonb orders object keys).
    records = await store.transaction((tx) =>
      tx.find('thing', { sort: [{ field: 'id', direction: 'asc' }], limit: 10_000 }),
    );
    expect(records).toHaveLength(made.length);
  });
  afterAll(async () => {
    await store?.close();
    await dropSchema(schema);
  });

  it('answers 400 random where trees like matchesWhere (find and count)', async () => {
    const random = seeded(seed + 1);
    let checked = 0;
    let matched = 0;
    while (checked < 400) {
      const where = makeWhere(random);
      const node = tryWhere(where);
      if (node === null) continue;
      checked += 1;
      const sort = makeSort(random);
      const query = { ...(node ? { where: node } : {}), sort, limit: 10_000 };
      const expected = findInMemory(records, query).map((r) => r.id);
      const [found, count] = await store.transaction(async (tx) => [
        (await tx.find('thing', query)).map((r) => r.id),
        await tx.count('thing', node),
      ]);
      matched += expected.length;
      expect({ where, sort, ids: found }).toEqual({ where, sort, ids: expected });
      expect(count).toBe(countInMemory(records, node));
    }
    expect(matched).toBeGreaterThan(0);
  });

  it('orders and pages by 150 random sorts exactly like compareBySort, from any keyset position', async () => {
    const random = seeded(seed + 2);
    for (let n = 0; n < 150; n += 1) {
      const sort = makeSort(random);
      const full = await store.transaction((tx) => tx.find('thing', { sort, limit: 10_000 }));
      const expected = findInMemory(records, { sort, limit: 10_000 }).map((r) => r.id);
      expect({ sort, ids: full.map((r) => r.id) }).toEqual({ sort, ids: expected });
      const at = Math.floor(random() * full.length);
      const after = sortValues(full[at] as StoredRecord, sort);
      const page = await store.transaction((tx) => tx.find('thing', { sort, after, limit: 7 }));
      expect({ sort, after, ids: page.map((r) => r.id) }).toEqual({
        sort,
        after,
        ids: expected.slice(at + 1, at + 8),
      });
    }
  });

  it('pages through everything with a filter and a mixed-direction sort, each row once', async () => {
    const random = seeded(seed + 3);
    for (let n = 0; n < 20; n += 1) {
      const sort = makeSort(random);
      const seen: string[] = [];
      let after: JsonValue[] | undefined;
      for (;;) {
        const page: StoredRecord[] = await store.transaction((tx) =>
          tx.find('thing', { sort, limit: 9, ...(after ? { after } : {}) }),
        );
        seen.push(...page.map((r) => r.id));
        if (page.length < 9 || seen.length > records.length) break;
        after = sortValues(page[page.length - 1] as StoredRecord, sort);
      }
      expect(seen).toEqual(findInMemory(records, { sort, limit: 10_000 }).map((r) => r.id));
    }
  });

  it('aggregates 150 random groupings like aggregateInMemory', async () => {
    const random = seeded(seed + 4);
    const measured = FIELDS.filter((f) => f !== 'id');
    let checked = 0;
    while (checked < 150) {
      const groupBy = [
        ...new Set(Array.from({ length: Math.floor(random() * 3) }, () => pick(random, FIELDS))),
      ];
      const measures: Record<string, string> = { count: 'count' };
      for (let m = 0; m < 3; m += 1) {
        measures[`m${m}`] = `${pick(random, ['sum', 'avg', 'min', 'max'])}:${pick(random, measured)}`;
      }
      const where = random() < 0.5 ? makeWhere(random) : undefined;
      let query: ReturnType<typeof normalizeAggregate>;
      try {
        query = normalizeAggregate(
          { groupBy, measures, ...(where ? { where } : {}) } as AggregateQuery,
          spec.schema,
        );
      } catch {
        continue;
      }
      checked += 1;
      const rows = await store.transaction((tx) => tx.aggregate('thing', query));
      expect({ groupBy, measures, rows }).toEqual({
        groupBy,
        measures,
        rows: aggregateInMemory(records, query),
      });
    }
  });
});
