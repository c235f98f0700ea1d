import {
  findInMemory,
  type JsonValue,
  type SortKey,
  type StoredRecord,
  type StoreFindQuery,
  sortValues,
} from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { customer } from '../test-support/fixtures.js';
import { findTop } from './find-top.js';

const values: Array<JsonValue | undefined> = [
  undefined,
  null,
  3,
  -1,
  2.5,
  'b',
  'B',
  'a',
  true,
  false,
  [1],
  { x: 1 },
];
/** Records with every kind of sort value; `size` 700 ranks everything, 4,500 goes through the sampling path. */
const dataset = (size: number): StoredRecord[] =>
  Array.from({ length: size }, (_, i) => {
    const fields: Record<string, unknown> = {
      rank: i % 13,
      group: `g${i % 5}`,
      created: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
    };
    const mixed = values[(i * 7) % values.length];
    if (mixed !== undefined) fields.mixed = mixed;
    if (i % 4 !== 0) fields.nested = { n: (i * 31) % 17 };
    // 7,919 is prime, so ids are a permutation of 0..size-1, in an order unrelated to the fields.
    return customer(`r${String((i * 7919) % size).padStart(5, '0')}`, fields);
  });

const sorts: SortKey[][] = [
  [{ field: 'id', direction: 'asc' }],
  [
    { field: 'created', direction: 'desc' },
    { field: 'id', direction: 'asc' },
  ],
  [
    { field: 'mixed', direction: 'asc' },
    { field: 'id', direction: 'asc' },
  ],
  [
    { field: 'mixed', direction: 'desc' },
    { field: 'rank', direction: 'asc' },
    { field: 'id', direction: 'desc' },
  ],
  [
    { field: 'nested.n', direction: 'asc' },
    { field: 'id', direction: 'asc' },
  ],
];

describe('findTop answers exactly as findInMemory', () => {
  for (const [size, limits] of [
    [700, [0, 1, 7, 50, 100_000]],
    [4_500, [1, 50, 2_000]],
  ] as const) {
    const records = dataset(size);
    for (const [i, sort] of sorts.entries()) {
      for (const limit of limits) {
        it(`${size} records, sort ${i + 1}, limit ${limit}, with and without a filter and a cursor`, () => {
          const where = { kind: 'cmp' as const, field: 'group', op: 'ne' as const, value: 'g2' };
          for (const query of [
            { sort, limit },
            { where, sort, limit },
          ] as StoreFindQuery[]) {
            expect(findTop(records, query)).toEqual(findInMemory(records, query));
            const full = findInMemory(records, { ...query, limit: 100_000 });
            for (const at of [0, 3, 250, full.length - 1]) {
              const paged = { ...query, after: sortValues(full[at] as StoredRecord, sort) };
              expect(findTop(records, paged)).toEqual(findInMemory(records, paged));
            }
          }
        });
      }
    }
  }
  it('reads a Map iterator as well as an array', () => {
    const records = dataset(5_000);
    const query: StoreFindQuery = {
      sort: [
        { field: 'created', direction: 'desc' },
        { field: 'id', direction: 'asc' },
      ],
      limit: 20,
    };
    const map = new Map(records.map((record) => [record.id, record]));
    expect(findTop(map.values(), query)).toEqual(findInMemory(records, query));
  });
});
