import { withSystemFields } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { DealEntity } from '../test-support/crm-plugin.js';
import { columnType, exportColumns, planColumns } from './columns.js';

const input = { ...DealEntity.schema, additionalProperties: false };

describe('columnType', () => {
  it('gives the schema type of a dotted path, unknown under a free-form object, undefined elsewhere', () => {
    expect(columnType(input, 'amount.amount')).toBe('integer');
    expect(columnType(input, 'tags')).toBe('array');
    expect(columnType(input, 'meta.source')).toBe('unknown');
    expect(columnType(input, 'amount.cents')).toBeUndefined();
    expect(columnType(input, 'nope')).toBeUndefined();
  });
});

describe('planColumns', () => {
  it('maps a header onto the schema and ignores system columns', () => {
    const plan = planColumns(['id', 'title', 'amount.amount', 'amount.currency', 'won', 'createdAt'], input);
    expect(plan.problems).toEqual([]);
    expect(plan.ignored).toEqual(['id', 'createdAt']);
    expect(plan.columns).toEqual([
      { index: 1, path: 'title', type: 'string' },
      { index: 2, path: 'amount.amount', type: 'integer' },
      { index: 3, path: 'amount.currency', type: 'string' },
      { index: 4, path: 'won', type: 'boolean' },
    ]);
  });

  it('lists unknown, empty, repeated and overlapping columns', () => {
    const plan = planColumns(['title', 'colour', '', 'title', 'amount', 'amount.amount'], input);
    expect(plan.problems).toEqual([
      "column 'colour' is not a field of the entity",
      'column 3 has an empty header',
      "column 'title' appears twice",
      "columns 'amount' and 'amount.amount' both set 'amount'",
    ]);
  });
});

describe('exportColumns', () => {
  it('flattens declared nested objects, keeps arrays and free-form objects whole, system fields around', () => {
    expect(exportColumns(withSystemFields(input))).toEqual([
      'id',
      'title',
      'team',
      'code',
      'amount.amount',
      'amount.currency',
      'probability',
      'won',
      'tags',
      'meta',
      'createdAt',
      'updatedAt',
      'version',
    ]);
  });
});
