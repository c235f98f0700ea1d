import { describe, expect, it } from 'vitest';
import type { StoredRecord } from '../store/types.js';
import { compareBySort, compareValues, sortValues } from './compare.js';
import { findInMemory } from './find-top.js';
import { matchesWhere } from './match.js';
import type { JsonValue, SortKey, StoreFindQuery } from './types.js';

/** The definition `findInMemory` must agree with: filter, skip to `after`, sort everything, slice. */
function sortEverything(records: StoredRecord[], query: StoreFindQuery): StoredRecord[] {
  const { where, sort, after, limit } = query;
  const isAfter = (values: JsonValue[]): boolean => {
    for (const [i, key] of sort.entries()) {
      const result = compareValues(values[i], after?.[i]);
      if (result !== 0) return key.direction === 'desc' ? result < 0 : result > 0;
    }
    return false;
  };
  return records
    .filter((record) => matchesWhere(record, where) && (!after || isAfter(sortValues(record, sort))))
    .sort((a, b) => compareBySort(a, b, sort))
    .slice(0, Math.max(0, limit));
}

const customer = (id: string, fields: Record<string, unknown>): StoredRecord => ({
  id,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
  ...fields,
});

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

describe('findInMemory answers exactly as sorting everything', () => {
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
            expect(findInMemory(records, query)).toEqual(sortEverything(records, query));
            const full = sortEverything(records, { ...query, limit: 100_000 });
            for (const at of [0, 3, 250, full.length - 1]) {
              const paged = { ...query, after: sortValues(full[at] as StoredRecord, sort) };
              expect(findInMemory(records, paged)).toEqual(sortEverything(records, paged));
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
    expect(findInMemory(map.values(), query)).toEqual(sortEverything(records, query));
  });
});
