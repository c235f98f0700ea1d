import { describe, expect, it } from 'vitest';
import type { StoredRecord } from '../store/types.js';
import { compareBySort, compareValues, sortValues } from './compare.js';
import type { SortKey } from './types.js';

function rec(id: string, fields: Record<string, unknown> = {}): StoredRecord {
  return {
    id,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    ...fields,
  };
}

describe('compareValues', () => {
  it('orders numbers numerically, not as text', () => {
    expect(compareValues(2, 10)).toBeLessThan(0);
    expect(compareValues(10, 2)).toBeGreaterThan(0);
    expect(compareValues(-1.5, -1)).toBeLessThan(0);
    expect(compareValues(3, 3)).toBe(0);
  });

  it('orders strings by UTF-16 code unit (binary, case-sensitive)', () => {
    expect(compareValues('B', 'a')).toBeLessThan(0);
    expect(compareValues('a', 'ab')).toBeLessThan(0);
    expect(compareValues('é', 'z')).toBeGreaterThan(0);
    expect(compareValues('x', 'x')).toBe(0);
  });

  it('orders booleans false before true', () => {
    expect(compareValues(false, true)).toBeLessThan(0);
    expect(compareValues(true, true)).toBe(0);
  });

  it('orders mixed types boolean < number < string < array/object', () => {
    const sorted = ['a', { a: 1 }, 5, true, [1], null, undefined, false].sort(compareValues);
    expect(sorted.slice(0, 4)).toEqual([false, true, 5, 'a']);
    expect(compareValues(true, 0)).toBeLessThan(0);
    expect(compareValues(99, '1')).toBeLessThan(0);
    expect(compareValues('zzz', [])).toBeLessThan(0);
    expect(compareValues('zzz', {})).toBeLessThan(0);
  });

  it('puts null and undefined after everything, equal to each other', () => {
    expect(compareValues(null, undefined)).toBe(0);
    expect(compareValues(null, null)).toBe(0);
    for (const value of [false, 0, -1, '', 'z', [], {}]) {
      expect(compareValues(null, value)).toBeGreaterThan(0);
      expect(compareValues(undefined, value)).toBeGreaterThan(0);
      expect(compareValues(value, null)).toBeLessThan(0);
    }
  });

  it('orders arrays and objects by JSON text', () => {
    expect(compareValues([1, 2], [1, 3])).toBeLessThan(0);
    expect(compareValues({ a: 1 }, { a: 1 })).toBe(0);
    expect(compareValues({ a: 2 }, { a: 1 })).toBeGreaterThan(0);
  });
});

describe('compareBySort', () => {
  const rows = [rec('1', { n: 2 }), rec('2', { n: null }), rec('3', { n: 1 }), rec('4'), rec('5', { n: 2 })];

  it('sorts ascending with nulls and missing last', () => {
    const sort: SortKey[] = [
      { field: 'n', direction: 'asc' },
      { field: 'id', direction: 'asc' },
    ];
    expect([...rows].sort((a, b) => compareBySort(a, b, sort)).map((r) => r.id)).toEqual([
      '3',
      '1',
      '5',
      '2',
      '4',
    ]);
  });

  it('sorts descending with nulls and missing first', () => {
    const sort: SortKey[] = [
      { field: 'n', direction: 'desc' },
      { field: 'id', direction: 'asc' },
    ];
    expect([...rows].sort((a, b) => compareBySort(a, b, sort)).map((r) => r.id)).toEqual([
      '2',
      '4',
      '1',
      '5',
      '3',
    ]);
  });

  it('uses later keys to break ties, each with its own direction', () => {
    const sort: SortKey[] = [
      { field: 'n', direction: 'asc' },
      { field: 'id', direction: 'desc' },
    ];
    expect([...rows].sort((a, b) => compareBySort(a, b, sort)).map((r) => r.id)).toEqual([
      '3',
      '5',
      '1',
      '4',
      '2',
    ]);
  });

  it('sorts by nested paths', () => {
    const sort: SortKey[] = [{ field: 'amount.amount', direction: 'asc' }];
    const a = rec('a', { amount: { amount: 10 } });
    const b = rec('b', { amount: { amount: 9 } });
    expect(compareBySort(a, b, sort)).toBeGreaterThan(0);
  });
});

describe('sortValues', () => {
  it('reads one value per key, missing as null', () => {
    const sort: SortKey[] = [
      { field: 'amount.currency', direction: 'asc' },
      { field: 'missing', direction: 'desc' },
      { field: 'id', direction: 'asc' },
    ];
    expect(sortValues(rec('7', { amount: { currency: 'EUR' } }), sort)).toEqual(['EUR', null, '7']);
  });
});
