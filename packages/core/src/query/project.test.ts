import { describe, expect, it } from 'vitest';
import { projectFields } from './project.js';

const record = {
  id: 'r1',
  name: 'Ada',
  nothing: null,
  amount: { amount: 5, currency: 'EUR', nested: { deep: true } },
  tags: ['a', 'b'],
};

describe('projectFields', () => {
  it('returns the record itself without fields', () => {
    expect(projectFields(record, undefined)).toBe(record);
  });

  it('keeps only the listed top-level and dotted paths, rebuilding nested objects', () => {
    expect(projectFields(record, ['id', 'name'])).toEqual({ id: 'r1', name: 'Ada' });
    expect(projectFields(record, ['id', 'amount.currency', 'amount.nested.deep'])).toEqual({
      id: 'r1',
      amount: { currency: 'EUR', nested: { deep: true } },
    });
  });

  it('keeps null values and omits missing paths', () => {
    expect(projectFields(record, ['id', 'nothing', 'missing', 'amount.missing', 'name.length'])).toEqual({
      id: 'r1',
      nothing: null,
    });
  });

  it('merges a whole object and one of its paths in either order', () => {
    expect(projectFields(record, ['amount.currency', 'amount'])).toEqual({ amount: record.amount });
    expect(projectFields(record, ['amount', 'amount.currency'])).toEqual({ amount: record.amount });
  });

  it('never shares objects with the input', () => {
    const projected = projectFields(record, ['amount', 'tags']);
    (projected.amount as { amount: number }).amount = 99;
    projected.tags?.push('c');
    expect(record.amount.amount).toBe(5);
    expect(record.tags).toEqual(['a', 'b']);
  });

  it('does not touch prototypes for odd keys', () => {
    const odd = JSON.parse('{"id":"x","__proto__":{"polluted":true}}') as Record<string, unknown>;
    const projected = projectFields(odd, ['id', '__proto__']) as Record<string, unknown>;
    expect(Object.getPrototypeOf(projected)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
