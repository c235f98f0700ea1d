import { describe, expect, it } from 'vitest';
import { flattenRecord } from './flatten-record.js';

describe('flattenRecord', () => {
  it('writes one cell per column: text, numbers, booleans, JSON for arrays and objects, empty for missing', () => {
    const record = {
      id: 'a',
      amount: { amount: 5, currency: 'EUR' },
      won: false,
      tags: ['x', 'y'],
      meta: { k: 1 },
      note: null,
    };
    expect(
      flattenRecord(record, [
        'id',
        'amount.amount',
        'amount.currency',
        'won',
        'tags',
        'meta',
        'note',
        'title',
      ]),
    ).toEqual({
      cells: ['a', '5', 'EUR', 'false', '["x","y"]', '{"k":1}', '', ''],
      dropped: false,
    });
  });

  it('tells when a record holds values no column takes', () => {
    expect(flattenRecord({ id: 'a', amount: { amount: 5, extra: 1 } }, ['id', 'amount.amount']).dropped).toBe(
      true,
    );
  });
});
