import { describe, expect, it } from 'vitest';
import { buildRecord } from './build-record.js';
import type { ImportColumn } from './columns.js';

const columns: ImportColumn[] = [
  { index: 0, path: 'title', type: 'string' },
  { index: 1, path: 'amount.amount', type: 'integer' },
  { index: 2, path: 'amount.currency', type: 'string' },
  { index: 3, path: 'tags', type: 'array' },
  { index: 4, path: 'won', type: 'boolean' },
];

describe('buildRecord', () => {
  it('builds nested objects from dotted columns and converts each cell', () => {
    expect(buildRecord(columns, ['Big deal', '1200', 'EUR', '["a"]', 'yes'])).toEqual({
      record: { title: 'Big deal', amount: { amount: 1200, currency: 'EUR' }, tags: ['a'], won: true },
      errors: [],
    });
  });

  it('omits empty cells, so a nested object with no values is not created', () => {
    expect(buildRecord(columns, ['Small', '', '', '', '']).record).toEqual({ title: 'Small' });
  });

  it('reports every cell that does not convert, by field path', () => {
    expect(buildRecord(columns, ['x', 'lots', 'EUR', 'a;b', 'perhaps']).errors).toEqual([
      { path: 'amount.amount', rule: 'type', message: 'must be an integer (got "lots")' },
      { path: 'tags', rule: 'json', message: 'must be a JSON array (got "a;b")' },
      { path: 'won', rule: 'type', message: 'must be true or false (got "perhaps")' },
    ]);
  });
});
