import { type JsonValue, type WhereNode, withSystemFields } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { aggregateStatement } from './aggregate.js';
import { findStatement } from './find.js';
import { Params } from './params.js';
import { keysetSql } from './sort.js';
import { prefixPattern, whereSql } from './where.js';

const schema = withSystemFields({
  type: 'object',
  properties: {
    name: { type: 'string' },
    qty: { type: 'number' },
    tags: { type: 'array', items: { type: 'string' } },
    any: {},
    "it's": { type: 'string' },
  },
});
const HOSTILE = [
  "'; DROP TABLE rapport_x; --",
  '$1 OR 1=1',
  "\\'); SELECT pg_sleep(10); --",
  '"quoted" ident',
  "E'\\x27'",
  'ünï 名前 😀 injection',
];
const OPERATORS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'contains', 'startsWith'] as const;

describe('SQL text never holds a caller value', () => {
  it.each(['name', 'any', 'tags', 'id', "it's"])('binds every value compared with %j', (field) => {
    for (const value of HOSTILE) {
      for (const op of OPERATORS) {
        const params = new Params();
        const text = whereSql({ kind: 'cmp', field, op, value }, { schema, alias: 't', params });
        expect(text).not.toContain(value);
        if (text !== 'FALSE') expect(params.values.length).toBeGreaterThan(0);
      }
      const params = new Params();
      const text = whereSql(
        { kind: 'cmp', field, op: 'in', value: [value, { nested: value }] },
        { schema, alias: 't', params },
      );
      expect(text).not.toContain(value);
    }
  });

  it('binds keyset cursor values, find limits and aggregate filters', () => {
    for (const value of HOSTILE) {
      const sort = [
        { field: 'any', direction: 'desc' as const },
        { field: 'name', direction: 'asc' as const },
        { field: 'id', direction: 'asc' as const },
      ];
      const after: JsonValue[] = [{ k: value }, value, value];
      const params = new Params();
      expect(keysetSql(sort, after, schema, 't', params)).not.toContain(value);
      const where: WhereNode = { kind: 'cmp', field: 'name', op: 'eq', value };
      const find = findStatement('"s"."t"', schema, { where, sort, after, limit: 10 });
      expect(find.text).not.toContain(value);
      const aggregate = aggregateStatement(
        '"s"."t"',
        schema,
        { where, groupBy: ['name'], measures: [{ name: value, fn: 'count' }] },
        new Params(),
      );
      expect(aggregate.text).not.toContain(value);
    }
  });

  it('quotes field keys as literals', () => {
    const text = whereSql(
      { kind: 'cmp', field: "it's", op: 'eq', value: 'x' },
      { schema, alias: 't', params: new Params() },
    );
    expect(text).toContain("t.data -> 'it''s'");
  });

  it('escapes LIKE wildcards and backslashes in startsWith', () => {
    expect(prefixPattern('50%_\\x')).toBe('50\\%\\_\\\\x%');
  });
});
