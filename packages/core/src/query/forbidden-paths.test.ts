import { afterEach, describe, expect, it } from 'vitest';
import type { JsonSchemaObject } from '../entities/json-schema.js';
import { thrownInvalidQuery } from '../test-support/invalid-query.js';
import { FORBIDDEN_KEYS, isForbiddenKey } from './field-path.js';
import { normalizeAggregate, normalizeFind, normalizeSort, normalizeWhere } from './normalize.js';
import type { AggregateQuery, Where } from './types.js';

/**
 * A schema that declares every forbidden key as a field (`__proto__` as an own property, as
 * JSON.parse makes it), so the refusals below come from the path check, not from the schema.
 */
const schema = JSON.parse(`{
  "type": "object",
  "properties": {
    "id": { "type": "string" },
    "name": { "type": "string" },
    "score": { "type": "integer" },
    "__proto__": { "type": "object", "properties": { "x": { "type": "string" } } },
    "constructor": { "type": "object", "properties": { "prototype": { "type": "object", "properties": { "x": { "type": "string" } } } } },
    "prototype": { "type": "string" },
    "amount": {
      "type": "object",
      "properties": { "amount": { "type": "number" }, "__proto__": { "type": "number" } }
    }
  }
}`) as JsonSchemaObject;

const limits = { defaultLimit: 50, maxLimit: 500 };

/** A where whose keys come from JSON, so `__proto__` is an own key as it is in a request body. */
const json = (text: string): Where => JSON.parse(text) as Where;

afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).x).toBeUndefined();
});

describe('isForbiddenKey', () => {
  it('names __proto__, constructor and prototype, and nothing else', () => {
    expect(FORBIDDEN_KEYS).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(['__proto__', 'constructor', 'prototype'].map(isForbiddenKey)).toEqual([true, true, true]);
    expect(['name', 'proto', '__proto', 'Constructor', 'toString', ''].map(isForbiddenKey)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('forbidden and empty path steps', () => {
  const whereCases: [string, Where, string, string][] = [
    ['a top-level __proto__', json('{"__proto__":{"polluted":1}}'), 'where.__proto__', '__proto__'],
    ['a top-level __proto__ with a value', json('{"__proto__":"1"}'), 'where.__proto__', '__proto__'],
    ['a dotted __proto__', json('{"__proto__.x":"1"}'), 'where.__proto__.x', '__proto__.x'],
    ['a nested __proto__', json('{"amount.__proto__":1}'), 'where.amount.__proto__', 'amount.__proto__'],
    [
      'constructor.prototype',
      json('{"constructor.prototype.x":"1"}'),
      'where.constructor.prototype.x',
      'constructor.prototype.x',
    ],
    ['prototype', json('{"prototype":"1"}'), 'where.prototype', 'prototype'],
    ['inside or', json('{"or":[{"__proto__":{"x":"1"}}]}'), 'where.or[0].__proto__', '__proto__'],
    ['inside not', json('{"not":{"constructor":{"eq":{}}}}'), 'where.not.constructor', 'constructor'],
    ['as an operator', json('{"name":{"__proto__":"1"}}'), 'where.name.__proto__', 'name.__proto__'],
    [
      'as the constructor operator',
      json('{"score":{"constructor":1}}'),
      'where.score.constructor',
      'score.constructor',
    ],
  ];

  for (const [label, where, at, field] of whereCases) {
    it(`refuses ${label} in where, whatever the schema declares`, () => {
      const error = thrownInvalidQuery(() => normalizeWhere(where, schema));
      expect(error.code).toBe('INVALID_QUERY');
      expect(error.message.startsWith(`${at}: '${field}' uses '`)).toBe(true);
      expect(error.message).toMatch(
        /which no field path or name may hold \(__proto__, constructor, prototype\)/,
      );
      expect(error.details).toEqual({ field, rule: 'forbidden-key' });
    });
  }

  it('refuses empty steps in where, sort, fields, groupBy and measures', () => {
    for (const path of ['amount..amount', '.name', 'name.']) {
      const expected = { field: path, rule: 'empty-segment' };
      expect(thrownInvalidQuery(() => normalizeWhere({ [path]: 1 }, schema)).details).toEqual(expected);
      expect(thrownInvalidQuery(() => normalizeSort([path], schema)).details).toEqual(expected);
      expect(thrownInvalidQuery(() => normalizeSort([`-${path}`], schema)).details).toEqual(expected);
      expect(thrownInvalidQuery(() => normalizeFind({ fields: [path] }, schema, limits)).details).toEqual(
        expected,
      );
      expect(
        thrownInvalidQuery(() => normalizeAggregate({ groupBy: [path], measures: { n: 'count' } }, schema))
          .details,
      ).toEqual(expected);
      const measure = thrownInvalidQuery(() =>
        normalizeAggregate({ measures: { n: `sum:${path}` } }, schema),
      );
      expect(measure.details).toEqual(expected);
      expect(measure.message).toBe(
        `measures.n: '${path}' has an empty step; write dotted paths such as 'amount.currency'`,
      );
    }
  });

  it('refuses forbidden sort keys, ascending and descending', () => {
    for (const path of ['__proto__', '-__proto__', 'constructor', '-prototype', 'amount.__proto__']) {
      const field = path.replace(/^-/, '');
      const error = thrownInvalidQuery(() => normalizeSort([path], schema));
      expect(error.message.startsWith(`sort[0]: '${field}' uses`)).toBe(true);
      expect(error.details).toEqual({ field, rule: 'forbidden-key' });
    }
  });

  it('refuses forbidden projection fields', () => {
    for (const path of ['__proto__', 'constructor.prototype', 'prototype', '__proto__.x']) {
      const error = thrownInvalidQuery(() => normalizeFind({ fields: ['name', path] }, schema, limits));
      expect(error.message.startsWith(`fields[1]: '${path}' uses`)).toBe(true);
      expect(error.details).toEqual({ field: path, rule: 'forbidden-key' });
    }
  });

  it('refuses forbidden groupBy paths, measure fields and measure names', () => {
    const cases: [AggregateQuery, string, string][] = [
      [{ groupBy: ['__proto__'], measures: { n: 'count' } }, 'groupBy[0]', '__proto__'],
      [{ groupBy: ['name', 'constructor'], measures: { n: 'count' } }, 'groupBy[1]', 'constructor'],
      [{ measures: { n: 'sum:__proto__.x' } }, 'measures.n', '__proto__.x'],
      [{ measures: { n: 'max:prototype' } }, 'measures.n', 'prototype'],
      [{ measures: { n: 'avg:amount.__proto__' } }, 'measures.n', 'amount.__proto__'],
      [{ measures: JSON.parse('{"__proto__":"count"}') }, 'measures.__proto__', '__proto__'],
      [{ measures: { constructor: 'count' } }, 'measures.constructor', 'constructor'],
      [{ measures: { prototype: 'sum:score' } }, 'measures.prototype', 'prototype'],
    ];
    for (const [query, at, field] of cases) {
      const error = thrownInvalidQuery(() => normalizeAggregate(query, schema));
      expect(error.message.startsWith(`${at}: '${field}' uses`)).toBe(true);
      expect(error.details).toEqual({ field, rule: 'forbidden-key' });
    }
  });

  it('still accepts ordinary paths of the same schema', () => {
    expect(normalizeWhere({ name: 'a', 'amount.amount': { gte: 1 } }, schema)).toBeDefined();
    expect(normalizeSort(['-score'], schema)).toEqual([
      { field: 'score', direction: 'desc' },
      { field: 'id', direction: 'asc' },
    ]);
    expect(normalizeAggregate({ groupBy: ['name'], measures: { total: 'sum:score' } }, schema)).toEqual({
      groupBy: ['name'],
      measures: [{ name: 'total', fn: 'sum', field: 'score' }],
    });
  });
});
