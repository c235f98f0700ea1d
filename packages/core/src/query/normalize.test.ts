import { describe, expect, it } from 'vitest';
import type { JsonSchemaObject } from '../entities/json-schema.js';
import { thrownInvalidQuery } from '../test-support/invalid-query.js';
import { encodeCursor } from './cursor.js';
import { andWhere, normalizeAggregate, normalizeFind, normalizeSort, normalizeWhere } from './normalize.js';
import type { SortKey, Where, WhereNode } from './types.js';

/** A stored-record schema as the kernel builds it: system fields included. */
const schema: JsonSchemaObject = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    version: { type: 'integer' },
    name: { type: 'string' },
    status: { type: 'string', enum: ['open', 'won', 'lost'] },
    score: { type: 'integer' },
    ratio: { type: 'number' },
    active: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' } },
    amount: { type: 'object', properties: { amount: { type: 'number' }, currency: { type: 'string' } } },
    note: { type: ['string', 'null'] },
    meta: {},
  },
};

const limits = { defaultLimit: 50, maxLimit: 500 };

function expectWhereError(
  where: unknown,
  message: string | RegExp,
  details: { field: string; rule: string },
): void {
  const error = thrownInvalidQuery(() => normalizeWhere(where as Where, schema));
  expect(error.code).toBe('INVALID_QUERY');
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  expect(error.details).toMatchObject(details);
}

describe('normalizeWhere', () => {
  it('returns undefined for no where or an empty one', () => {
    expect(normalizeWhere(undefined, schema)).toBeUndefined();
    expect(normalizeWhere({}, schema)).toBeUndefined();
    expect(normalizeWhere({ name: undefined }, schema)).toBeUndefined();
  });

  it('turns a bare value into eq, without a one-item and', () => {
    expect(normalizeWhere({ status: 'open' }, schema)).toEqual({
      kind: 'cmp',
      field: 'status',
      op: 'eq',
      value: 'open',
    });
    expect(normalizeWhere({ note: null }, schema)).toEqual({
      kind: 'cmp',
      field: 'note',
      op: 'eq',
      value: null,
    });
    expect(normalizeWhere({ tags: ['a', 'b'] }, schema)).toEqual({
      kind: 'cmp',
      field: 'tags',
      op: 'eq',
      value: ['a', 'b'],
    });
  });

  it('joins several keys and several operators with and', () => {
    expect(normalizeWhere({ status: 'open', 'amount.amount': { gte: 1000, lt: 5000 } }, schema)).toEqual({
      kind: 'and',
      items: [
        { kind: 'cmp', field: 'status', op: 'eq', value: 'open' },
        { kind: 'cmp', field: 'amount.amount', op: 'gte', value: 1000 },
        { kind: 'cmp', field: 'amount.amount', op: 'lt', value: 5000 },
      ],
    });
  });

  it('builds and / or / not trees', () => {
    const node = normalizeWhere(
      {
        or: [{ name: 'a' }, { name: 'b', active: true }],
        not: { tags: { contains: 'vip' } },
        and: [{ score: { gt: 1 } }, { score: { lt: 9 } }],
      },
      schema,
    );
    expect(node).toEqual({
      kind: 'and',
      items: [
        {
          kind: 'or',
          items: [
            { kind: 'cmp', field: 'name', op: 'eq', value: 'a' },
            {
              kind: 'and',
              items: [
                { kind: 'cmp', field: 'name', op: 'eq', value: 'b' },
                { kind: 'cmp', field: 'active', op: 'eq', value: true },
              ],
            },
          ],
        },
        { kind: 'not', item: { kind: 'cmp', field: 'tags', op: 'contains', value: 'vip' } },
        { kind: 'cmp', field: 'score', op: 'gt', value: 1 },
        { kind: 'cmp', field: 'score', op: 'lt', value: 9 },
      ],
    });
  });

  it('accepts system fields and every operator with a fitting value', () => {
    const where: Where = {
      id: { in: ['a', 'b'] },
      version: { gte: 1, ne: null },
      createdAt: { gt: '2026-01-01' },
      name: { startsWith: 'A', contains: 'd', nin: ['x', null] },
      ratio: { lte: 0.5 },
      active: { ne: false, exists: true },
      tags: { contains: 'vip' },
      meta: { eq: { any: ['json'] }, gt: 3, lt: 'z', contains: 1 },
      amount: { eq: { amount: 1, currency: 'EUR' } },
    };
    const node = normalizeWhere(where, schema);
    expect(node?.kind).toBe('and');
    expect(node?.kind === 'and' && node.items).toHaveLength(16);
  });

  it('copies values, so later changes to the caller object do not leak in', () => {
    const list = ['a'];
    const node = normalizeWhere({ name: { in: list } }, schema);
    list.push('b');
    expect(node).toEqual({ kind: 'cmp', field: 'name', op: 'in', value: ['a'] });
  });

  describe('errors', () => {
    it('names an unknown field, nested ones too', () => {
      expectWhereError({ nope: 1 }, "where.nope: unknown field 'nope'", {
        field: 'nope',
        rule: 'unknown-field',
      });
      expectWhereError({ 'amount.nope': 1 }, /unknown field 'amount.nope'/, {
        field: 'amount.nope',
        rule: 'unknown-field',
      });
      expectWhereError({ or: [{ name: 'a' }, { nope: 1 }] }, "where.or[1].nope: unknown field 'nope'", {
        field: 'nope',
        rule: 'unknown-field',
      });
    });

    it('names the operator and the type a field needs', () => {
      expectWhereError(
        { 'amount.amount': { gte: 'abc' } },
        `where.amount.amount: 'gte' needs a number, got "abc"`,
        {
          field: 'amount.amount',
          rule: 'type',
        },
      );
      expectWhereError({ score: 'ten' }, /'eq' needs a number or null, got "ten"/, {
        field: 'score',
        rule: 'type',
      });
      expectWhereError({ score: { gt: null } }, /'gt' needs a number, got null/, {
        field: 'score',
        rule: 'type',
      });
      expectWhereError({ name: 1 }, /'eq' needs a string or null, got 1/, { field: 'name', rule: 'type' });
      expectWhereError({ name: { lt: 1 } }, /'lt' needs a string, got 1/, { field: 'name', rule: 'type' });
      expectWhereError({ active: 'yes' }, /'eq' needs a boolean or null/, { field: 'active', rule: 'type' });
      expectWhereError({ active: { gt: false } }, /'gt' cannot be used on a boolean field/, {
        field: 'active',
        rule: 'operator',
      });
      expectWhereError({ meta: { gt: true } }, /'gt' needs a number or a string, got true/, {
        field: 'meta',
        rule: 'type',
      });
      expectWhereError({ score: { ne: Number.NaN } }, /'ne' needs a number or null, got NaN/, {
        field: 'score',
        rule: 'type',
      });
      expectWhereError({ createdAt: { gt: new Date() } }, /'gt' needs a string, got a Date/, {
        field: 'createdAt',
        rule: 'type',
      });
      expectWhereError({ meta: { eq: new Map() } }, /'eq' needs a JSON value, got a Map/, {
        field: 'meta',
        rule: 'type',
      });
    });

    it('checks in / nin lists', () => {
      expectWhereError({ name: { in: 'a' } }, /'in' needs an array, got "a"/, {
        field: 'name',
        rule: 'type',
      });
      expectWhereError({ score: { nin: [1, 'x'] } }, /'nin' items must be a number or null, got "x"/, {
        field: 'score',
        rule: 'type',
      });
      const many = Array.from({ length: 1001 }, (_, i) => i);
      expectWhereError({ score: { in: many } }, /'in' takes at most 1000 values, got 1001/, {
        field: 'score',
        rule: 'max-items',
      });
      expect(normalizeWhere({ score: { in: many.slice(0, 1000) } }, schema)).toBeDefined();
    });

    it('checks contains, startsWith and exists', () => {
      expectWhereError(
        { score: { contains: 1 } },
        /'contains' needs a string or array field, but 'score' is an integer/,
        {
          field: 'score',
          rule: 'operator',
        },
      );
      expectWhereError({ name: { contains: 1 } }, /'contains' needs a string, got 1/, {
        field: 'name',
        rule: 'type',
      });
      expectWhereError(
        { tags: { startsWith: 'a' } },
        /'startsWith' needs a string field, but 'tags' is an array/,
        {
          field: 'tags',
          rule: 'operator',
        },
      );
      expectWhereError({ meta: { startsWith: 'a' } }, /'startsWith' needs a string field/, {
        field: 'meta',
        rule: 'operator',
      });
      expectWhereError({ name: { startsWith: 1 } }, /'startsWith' needs a string, got 1/, {
        field: 'name',
        rule: 'type',
      });
      expectWhereError({ name: { exists: 'yes' } }, /'exists' needs true or false/, {
        field: 'name',
        rule: 'type',
      });
    });

    it('refuses unknown operators and objects with field keys, pointing to dotted paths', () => {
      expectWhereError({ name: { like: 'a' } }, /'like' is not an operator/, {
        field: 'name',
        rule: 'operator',
      });
      expectWhereError(
        { amount: { currency: 'EUR' } },
        /where.amount: 'currency' is not an operator .*use a dotted path such as 'amount.currency'/,
        { field: 'amount', rule: 'operator' },
      );
      expectWhereError({ name: { eq: 'a', foo: 1 } }, /'foo' is not an operator/, {
        field: 'name',
        rule: 'operator',
      });
      expectWhereError({ name: {} }, /needs at least one operator/, { field: 'name', rule: 'operator' });
    });

    it('refuses empty or malformed and / or / not', () => {
      expectWhereError({ and: [] }, /where.and: 'and' needs a non-empty array/, {
        field: 'and',
        rule: 'non-empty',
      });
      expectWhereError({ or: { name: 'a' } }, /'or' needs a non-empty array/, {
        field: 'or',
        rule: 'non-empty',
      });
      expectWhereError({ or: [{}] }, /where.or\[0\]: needs at least one condition/, {
        field: 'or',
        rule: 'non-empty',
      });
      expectWhereError({ or: ['a'] }, /where.or\[0\]: needs an object of conditions, got "a"/, {
        field: 'or',
        rule: 'type',
      });
      expectWhereError({ not: {} }, /where.not: needs at least one condition/, {
        field: 'not',
        rule: 'non-empty',
      });
      expectWhereError({ not: [{ name: 'a' }] }, /where.not: needs an object/, {
        field: 'not',
        rule: 'type',
      });
      expectWhereError('name = 1', /where: needs an object of conditions/, { field: 'where', rule: 'type' });
      expectWhereError([{ name: 'a' }], /where: needs an object of conditions/, {
        field: 'where',
        rule: 'type',
      });
    });

    it('limits nesting to 8 levels', () => {
      const nest = (levels: number): Where => (levels === 1 ? { name: 'a' } : { not: nest(levels - 1) });
      expect(normalizeWhere(nest(8), schema)).toBeDefined();
      expectWhereError(nest(9), /nest at most 8 levels/, { field: 'not', rule: 'depth' });
      const ors = (levels: number): Where =>
        levels === 1 ? { name: 'a' } : { or: [ors(levels - 1), { name: 'b' }] };
      expect(normalizeWhere(ors(8), schema)).toBeDefined();
      expectWhereError(ors(9), /nest at most 8 levels/, { rule: 'depth', field: 'or' });
    });

    it('limits a query to 100 comparisons', () => {
      const items = (n: number): Where[] => Array.from({ length: n }, (_, i) => ({ score: i }));
      expect(normalizeWhere({ or: items(100) }, schema)).toBeDefined();
      expectWhereError({ or: items(101) }, /at most 100 comparisons/, {
        field: 'score',
        rule: 'max-comparisons',
      });
      expectWhereError({ or: items(50), and: [{ score: { gt: 1, lt: 2 } }, ...items(49)] }, /at most 100/, {
        field: 'score',
        rule: 'max-comparisons',
      });
    });
  });
});

describe('andWhere', () => {
  const a: WhereNode = { kind: 'cmp', field: 'name', op: 'eq', value: 'a' };
  const b: WhereNode = { kind: 'cmp', field: 'score', op: 'gt', value: 1 };
  const c: WhereNode = { kind: 'or', items: [a, b] };

  it('drops absent nodes and does not wrap a single one', () => {
    expect(andWhere()).toBeUndefined();
    expect(andWhere(undefined, undefined)).toBeUndefined();
    expect(andWhere(undefined, a)).toBe(a);
  });

  it('combines several nodes, flattening nested ands', () => {
    expect(andWhere(a, undefined, c)).toEqual({ kind: 'and', items: [a, c] });
    expect(andWhere({ kind: 'and', items: [a, b] }, c)).toEqual({ kind: 'and', items: [a, b, c] });
  });
});

describe('normalizeSort', () => {
  it('defaults to id ascending', () => {
    expect(normalizeSort(undefined, schema)).toEqual([{ field: 'id', direction: 'asc' }]);
    expect(normalizeSort([], schema)).toEqual([{ field: 'id', direction: 'asc' }]);
  });

  it('parses directions and appends id', () => {
    expect(normalizeSort(['-createdAt', 'amount.amount'], schema)).toEqual([
      { field: 'createdAt', direction: 'desc' },
      { field: 'amount.amount', direction: 'asc' },
      { field: 'id', direction: 'asc' },
    ]);
  });

  it('keeps an explicit id (with its direction) and drops what follows it', () => {
    expect(normalizeSort(['name', '-id', 'score'], schema)).toEqual([
      { field: 'name', direction: 'asc' },
      { field: 'id', direction: 'desc' },
    ]);
  });

  it('refuses unknown, repeated, malformed and too many keys', () => {
    const unknown = thrownInvalidQuery(() => normalizeSort(['-nope'], schema));
    expect(unknown.message).toBe("sort[0]: unknown field 'nope'");
    expect(unknown.details).toMatchObject({ field: 'nope', rule: 'unknown-field' });
    expect(thrownInvalidQuery(() => normalizeSort(['name', '-name'], schema)).details).toMatchObject({
      field: 'name',
      rule: 'duplicate',
    });
    expect(thrownInvalidQuery(() => normalizeSort(['-'], schema)).message).toMatch(
      /sort\[0\]: needs a field path/,
    );
    expect(thrownInvalidQuery(() => normalizeSort([''], schema)).message).toMatch(
      /sort\[0\]: needs a field path/,
    );
    expect(thrownInvalidQuery(() => normalizeSort([1 as unknown as string], schema)).details).toMatchObject({
      rule: 'type',
    });
    expect(
      thrownInvalidQuery(() => normalizeSort('name' as unknown as string[], schema)).details,
    ).toMatchObject({
      field: 'sort',
      rule: 'type',
    });
    const nine = ['name', 'score', 'ratio', 'active', 'status', 'createdAt', 'updatedAt', 'version', 'note'];
    expect(normalizeSort(nine.slice(0, 8), schema)).toHaveLength(9);
    expect(thrownInvalidQuery(() => normalizeSort(nine, schema)).details).toMatchObject({
      field: 'sort',
      rule: 'max-items',
    });
  });
});

describe('normalizeFind', () => {
  it('fills defaults', () => {
    expect(normalizeFind({}, schema, limits)).toEqual({
      find: { sort: [{ field: 'id', direction: 'asc' }], limit: 50 },
    });
  });

  it('normalizes where, sort, limit and fields together', () => {
    const result = normalizeFind(
      { where: { status: 'open' }, sort: ['-score'], limit: 10, fields: ['name', 'amount.currency', 'name'] },
      schema,
      limits,
    );
    expect(result).toEqual({
      find: {
        where: { kind: 'cmp', field: 'status', op: 'eq', value: 'open' },
        sort: [
          { field: 'score', direction: 'desc' },
          { field: 'id', direction: 'asc' },
        ],
        limit: 10,
      },
      fields: ['id', 'name', 'amount.currency'],
    });
    expect(normalizeFind({ fields: ['name', 'id'] }, schema, limits).fields).toEqual(['name', 'id']);
  });

  it('clamps the limit to the maximum and refuses non-positive or fractional limits', () => {
    expect(normalizeFind({ limit: 10_000 }, schema, limits).find.limit).toBe(500);
    expect(normalizeFind({ limit: 1 }, schema, limits).find.limit).toBe(1);
    for (const limit of [0, -1, 1.5, Number.NaN, '10']) {
      const error = thrownInvalidQuery(() => normalizeFind({ limit: limit as number }, schema, limits));
      expect(error.details).toMatchObject({ field: 'limit', rule: 'positive-integer' });
      expect(error.message).toMatch(/^limit: needs a positive integer/);
    }
  });

  it('decodes the cursor into after, for the same sort only', () => {
    const sort: SortKey[] = [
      { field: 'score', direction: 'desc' },
      { field: 'id', direction: 'asc' },
    ];
    const cursor = encodeCursor([5, 'r9'], sort);
    expect(normalizeFind({ sort: ['-score'], cursor }, schema, limits).find.after).toEqual([5, 'r9']);
    expect(
      thrownInvalidQuery(() => normalizeFind({ sort: ['score'], cursor }, schema, limits)).message,
    ).toMatch(/made for sort/);
    expect(thrownInvalidQuery(() => normalizeFind({ cursor }, schema, limits)).message).toMatch(
      /made for sort/,
    );
    expect(thrownInvalidQuery(() => normalizeFind({ cursor: 'garbage!' }, schema, limits)).message).toMatch(
      /malformed/,
    );
  });

  it('refuses unknown fields and bad field lists', () => {
    expect(thrownInvalidQuery(() => normalizeFind({ fields: ['nope'] }, schema, limits)).message).toBe(
      "fields[0]: unknown field 'nope'",
    );
    expect(
      thrownInvalidQuery(() => normalizeFind({ fields: 'name' as unknown as string[] }, schema, limits))
        .details,
    ).toMatchObject({ field: 'fields', rule: 'type' });
  });

  it('propagates where errors', () => {
    expect(
      thrownInvalidQuery(() => normalizeFind({ where: { nope: 1 } }, schema, limits)).details,
    ).toMatchObject({
      field: 'nope',
      rule: 'unknown-field',
    });
  });
});

describe('normalizeAggregate', () => {
  it('parses measures and group paths', () => {
    expect(
      normalizeAggregate(
        {
          where: { status: 'won' },
          groupBy: ['status', 'amount.currency'],
          measures: {
            n: 'count',
            total: 'sum:amount.amount',
            avg: 'avg:score',
            lo: 'min:createdAt',
            hi: 'max:ratio',
          },
        },
        schema,
      ),
    ).toEqual({
      where: { kind: 'cmp', field: 'status', op: 'eq', value: 'won' },
      groupBy: ['status', 'amount.currency'],
      measures: [
        { name: 'n', fn: 'count' },
        { name: 'total', fn: 'sum', field: 'amount.amount' },
        { name: 'avg', fn: 'avg', field: 'score' },
        { name: 'lo', fn: 'min', field: 'createdAt' },
        { name: 'hi', fn: 'max', field: 'ratio' },
      ],
    });
  });

  it('defaults groupBy to none and allows sum over untyped fields', () => {
    expect(normalizeAggregate({ measures: { s: 'sum:meta' } }, schema)).toEqual({
      groupBy: [],
      measures: [{ name: 's', fn: 'sum', field: 'meta' }],
    });
  });

  it('refuses bad measures', () => {
    const cases: [Record<string, string>, RegExp, { field: string; rule: string }][] = [
      [{ m: 'p50:score' }, /measures.m: unknown measure 'p50:score'/, { field: 'm', rule: 'measure' }],
      [
        { m: 'median:name' },
        /'median' needs a numeric field, but 'name' is a string/,
        { field: 'name', rule: 'type' },
      ],
      [{ m: 'total' }, /unknown measure 'total'/, { field: 'm', rule: 'measure' }],
      [{ m: 'count:score' }, /'count' takes no field/, { field: 'm', rule: 'measure' }],
      [{ m: 'sum:' }, /'sum' needs a field/, { field: 'm', rule: 'measure' }],
      [{ m: 'sum' }, /'sum' needs a field/, { field: 'm', rule: 'measure' }],
      [{ m: 'sum:nope' }, /unknown field 'nope'/, { field: 'nope', rule: 'unknown-field' }],
      [
        { m: 'sum:name' },
        /'sum' needs a numeric field, but 'name' is a string/,
        { field: 'name', rule: 'type' },
      ],
      [
        { m: 'avg:active' },
        /'avg' needs a numeric field, but 'active' is a boolean/,
        { field: 'active', rule: 'type' },
      ],
      [{ m: 'avg:tags' }, /'avg' needs a numeric field/, { field: 'tags', rule: 'type' }],
    ];
    for (const [measures, message, details] of cases) {
      const error = thrownInvalidQuery(() => normalizeAggregate({ measures }, schema));
      expect(error.message).toMatch(message);
      expect(error.details).toMatchObject(details);
    }
    expect(normalizeAggregate({ measures: { m: 'min:name' } }, schema).measures).toHaveLength(1);
    expect(normalizeAggregate({ measures: { m: 'p90:score' } }, schema).measures).toEqual([
      { name: 'm', fn: 'p90', field: 'score' },
    ]);
  });

  it('needs at least one measure, valid group paths, at most 8 of them, and distinct names', () => {
    expect(thrownInvalidQuery(() => normalizeAggregate({ measures: {} }, schema)).details).toMatchObject({
      field: 'measures',
      rule: 'non-empty',
    });
    expect(
      thrownInvalidQuery(() =>
        normalizeAggregate({ measures: undefined as unknown as Record<string, string> }, schema),
      ).details,
    ).toMatchObject({ field: 'measures', rule: 'type' });
    expect(
      thrownInvalidQuery(() => normalizeAggregate({ groupBy: ['nope'], measures: { n: 'count' } }, schema))
        .message,
    ).toBe("groupBy[0]: unknown field 'nope'");
    const nine = ['name', 'score', 'ratio', 'active', 'status', 'createdAt', 'updatedAt', 'version', 'note'];
    expect(
      thrownInvalidQuery(() => normalizeAggregate({ groupBy: nine, measures: { n: 'count' } }, schema))
        .details,
    ).toMatchObject({
      field: 'groupBy',
      rule: 'max-items',
    });
    expect(
      thrownInvalidQuery(() =>
        normalizeAggregate({ groupBy: ['name', 'name'], measures: { n: 'count' } }, schema),
      ).details,
    ).toMatchObject({ field: 'name', rule: 'duplicate' });
    const clash = thrownInvalidQuery(() =>
      normalizeAggregate({ groupBy: ['status'], measures: { status: 'count' } }, schema),
    );
    expect(clash.message).toMatch(/measure name 'status' repeats a groupBy path/);
    expect(clash.details).toMatchObject({ field: 'status', rule: 'duplicate' });
  });
});
