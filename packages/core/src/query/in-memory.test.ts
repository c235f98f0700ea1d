import { describe, expect, it } from 'vitest';
import type { StoredRecord } from '../store/types.js';
import { sortValues } from './compare.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { findInMemory } from './find-top.js';
import { aggregateInMemory, countInMemory } from './in-memory.js';
import type { JsonValue, SortKey, StoreAggregateQuery, WhereNode } from './types.js';

function rec(id: string, fields: Record<string, unknown> = {}): StoredRecord {
  return {
    id,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    ...fields,
  };
}

const byId: SortKey = { field: 'id', direction: 'asc' };
const ids = (rows: StoredRecord[]) => rows.map((r) => r.id);

/** Pages through `records` like the kernel does: limit + cursor round-tripped through its string form. */
function pageAll(
  records: () => StoredRecord[],
  sort: SortKey[],
  limit: number,
  where?: WhereNode,
): string[][] {
  const pages: string[][] = [];
  let after: JsonValue[] | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const rows = findInMemory(records(), {
      sort,
      limit: limit + 1,
      ...(where ? { where } : {}),
      ...(after ? { after } : {}),
    });
    const items = rows.slice(0, limit);
    pages.push(ids(items));
    const last = items[items.length - 1];
    if (rows.length <= limit || !last) return pages;
    after = decodeCursor(encodeCursor(sortValues(last, sort), sort), sort);
  }
  throw new Error('pagination did not end');
}

describe('findInMemory', () => {
  const records = [
    rec('a', { score: 3, team: 'north' }),
    rec('b', { score: null, team: 'south' }),
    rec('c', { score: 1, team: 'north' }),
    rec('d', { team: 'north' }),
    rec('e', { score: 3, team: 'south' }),
    rec('f', { score: 2 }),
  ];

  it('filters, sorts and limits', () => {
    const where: WhereNode = { kind: 'cmp', field: 'team', op: 'eq', value: 'north' };
    const sort: SortKey[] = [{ field: 'score', direction: 'desc' }, byId];
    expect(ids(findInMemory(records, { where, sort, limit: 10 }))).toEqual(['d', 'a', 'c']);
    expect(ids(findInMemory(records, { where, sort, limit: 2 }))).toEqual(['d', 'a']);
    expect(findInMemory(records, { where, sort, limit: 0 })).toEqual([]);
  });

  it('returns the input order untouched', () => {
    const input = [...records];
    findInMemory(input, { sort: [{ field: 'score', direction: 'asc' }, byId], limit: 10 });
    expect(input).toEqual(records);
  });

  it('puts nulls and missing values last ascending and first descending', () => {
    const asc: SortKey[] = [{ field: 'score', direction: 'asc' }, byId];
    const desc: SortKey[] = [{ field: 'score', direction: 'desc' }, byId];
    expect(ids(findInMemory(records, { sort: asc, limit: 10 }))).toEqual(['c', 'f', 'a', 'e', 'b', 'd']);
    expect(ids(findInMemory(records, { sort: desc, limit: 10 }))).toEqual(['b', 'd', 'a', 'e', 'f', 'c']);
  });

  it('skips rows up to and including the after position', () => {
    const sort: SortKey[] = [{ field: 'score', direction: 'asc' }, byId];
    expect(ids(findInMemory(records, { sort, limit: 10, after: [3, 'a'] }))).toEqual(['e', 'b', 'd']);
    expect(ids(findInMemory(records, { sort, limit: 10, after: [null, 'b'] }))).toEqual(['d']);
    expect(ids(findInMemory(records, { sort, limit: 10, after: [null, 'd'] }))).toEqual([]);
    // a position between rows (no row has it) works too
    expect(ids(findInMemory(records, { sort, limit: 10, after: [2.5, 'zzz'] }))).toEqual([
      'a',
      'e',
      'b',
      'd',
    ]);
    const desc: SortKey[] = [{ field: 'score', direction: 'desc' }, byId];
    expect(ids(findInMemory(records, { sort: desc, limit: 10, after: [null, 'd'] }))).toEqual([
      'a',
      'e',
      'f',
      'c',
    ]);
    expect(ids(findInMemory(records, { sort: desc, limit: 10, after: [3, 'a'] }))).toEqual(['e', 'f', 'c']);
  });

  it('pages through nulls in both directions without repeating or skipping rows', () => {
    for (const direction of ['asc', 'desc'] as const) {
      const sort: SortKey[] = [{ field: 'score', direction }, byId];
      const all = ids(findInMemory(records, { sort, limit: 100 }));
      for (const limit of [1, 2, 4, 6]) {
        expect(pageAll(() => records, sort, limit).flat()).toEqual(all);
      }
    }
  });

  it('keeps keyset pages stable when rows are inserted or deleted before the cursor between pages', () => {
    const data: StoredRecord[] = Array.from({ length: 6 }, (_, i) =>
      rec(`r${i}`, { createdAt: `2026-01-0${i + 1}T00:00:00.000Z` }),
    );
    const sort: SortKey[] = [{ field: 'createdAt', direction: 'desc' }, byId];
    const first = findInMemory(data, { sort, limit: 3 });
    expect(ids(first)).toEqual(['r5', 'r4', 'r3']);
    const cursor = encodeCursor(sortValues(first[2] as StoredRecord, sort), sort);
    // newer rows land before the cursor, one row of page one goes away, an older row lands after it
    data.push(
      rec('new1', { createdAt: '2026-02-01T00:00:00.000Z' }),
      rec('new2', { createdAt: '2026-01-09T00:00:00.000Z' }),
    );
    data.splice(
      data.findIndex((r) => r.id === 'r4'),
      1,
    );
    data.push(rec('old', { createdAt: '2025-12-31T00:00:00.000Z' }));
    data.push(rec('r2b', { createdAt: '2026-01-03T00:00:00.000Z' })); // same createdAt as r2: id breaks the tie
    const second = findInMemory(data, { sort, limit: 3, after: decodeCursor(cursor, sort) });
    expect(ids(second)).toEqual(['r2', 'r2b', 'r1']);
    const third = findInMemory(data, {
      sort,
      limit: 3,
      after: sortValues(second[2] as StoredRecord, sort),
    });
    expect(ids(third)).toEqual(['r0', 'old']);
  });
});

describe('countInMemory', () => {
  it('counts matching records', () => {
    const records = [rec('a', { n: 1 }), rec('b', { n: 2 }), rec('c')];
    expect(countInMemory(records)).toBe(3);
    expect(countInMemory(records, { kind: 'cmp', field: 'n', op: 'gte', value: 1 })).toBe(2);
    expect(countInMemory(records, { kind: 'cmp', field: 'n', op: 'ne', value: 1 })).toBe(2);
    expect(countInMemory([], undefined)).toBe(0);
  });
});

describe('aggregateInMemory', () => {
  const deals = [
    rec('1', { stage: 'won', amount: { amount: 100, currency: 'EUR' }, score: 5 }),
    rec('2', { stage: 'won', amount: { amount: 50, currency: 'USD' }, score: 'x' }),
    rec('3', { stage: 'proposal', amount: { amount: 30, currency: 'EUR' }, score: 1 }),
    rec('4', { stage: null, amount: { amount: 20, currency: 'EUR' } }),
    rec('5', { amount: { currency: 'EUR' } }),
    rec('6', { stage: 'lost', amount: { amount: '7', currency: 'EUR' }, score: null }),
  ];

  it('groups by a path, missing and null together, ordered ascending with null last', () => {
    const query: StoreAggregateQuery = {
      groupBy: ['stage'],
      measures: [
        { name: 'n', fn: 'count' },
        { name: 'total', fn: 'sum', field: 'amount.amount' },
      ],
    };
    expect(aggregateInMemory(deals, query)).toEqual([
      { stage: 'lost', n: 1, total: 0 },
      { stage: 'proposal', n: 1, total: 30 },
      { stage: 'won', n: 2, total: 150 },
      { stage: null, n: 2, total: 20 },
    ]);
  });

  it('computes count, sum, avg, min and max, ignoring non-numbers in sum and avg', () => {
    const query: StoreAggregateQuery = {
      groupBy: [],
      measures: [
        { name: 'n', fn: 'count' },
        { name: 'sum', fn: 'sum', field: 'score' },
        { name: 'avg', fn: 'avg', field: 'score' },
        { name: 'min', fn: 'min', field: 'amount.amount' },
        { name: 'max', fn: 'max', field: 'amount.amount' },
        { name: 'first', fn: 'min', field: 'id' },
      ],
    };
    // min/max compare as sort does: numbers before strings, so '7' is the max
    expect(aggregateInMemory(deals, query)).toEqual([
      { n: 6, sum: 6, avg: 3, min: 20, max: '7', first: '1' },
    ]);
  });

  it('returns one row without groupBy even when nothing matches, with empty measures', () => {
    const query: StoreAggregateQuery = {
      where: { kind: 'cmp', field: 'stage', op: 'eq', value: 'nope' },
      groupBy: [],
      measures: [
        { name: 'n', fn: 'count' },
        { name: 'sum', fn: 'sum', field: 'score' },
        { name: 'avg', fn: 'avg', field: 'score' },
        { name: 'min', fn: 'min', field: 'score' },
        { name: 'max', fn: 'max', field: 'score' },
      ],
    };
    expect(aggregateInMemory(deals, query)).toEqual([{ n: 0, sum: 0, avg: null, min: null, max: null }]);
    expect(aggregateInMemory([], { ...query, where: undefined })).toEqual([
      { n: 0, sum: 0, avg: null, min: null, max: null },
    ]);
  });

  it('returns no rows with groupBy when nothing matches', () => {
    expect(aggregateInMemory([], { groupBy: ['stage'], measures: [{ name: 'n', fn: 'count' }] })).toEqual([]);
  });

  it('gives null avg/min/max for groups without values', () => {
    const rows = aggregateInMemory(deals, {
      where: { kind: 'cmp', field: 'stage', op: 'eq', value: 'lost' },
      groupBy: ['stage'],
      measures: [
        { name: 'avg', fn: 'avg', field: 'score' },
        { name: 'min', fn: 'min', field: 'score' },
        { name: 'sum', fn: 'sum', field: 'amount.amount' },
      ],
    });
    expect(rows).toEqual([{ stage: 'lost', avg: null, min: null, sum: 0 }]);
  });

  it('groups by several nested paths, keyed by path', () => {
    const rows = aggregateInMemory(deals, {
      where: { kind: 'cmp', field: 'stage', op: 'in', value: ['won', 'proposal'] },
      groupBy: ['amount.currency', 'stage'],
      measures: [{ name: 'n', fn: 'count' }],
    });
    expect(rows).toEqual([
      { 'amount.currency': 'EUR', stage: 'proposal', n: 1 },
      { 'amount.currency': 'EUR', stage: 'won', n: 1 },
      { 'amount.currency': 'USD', stage: 'won', n: 1 },
    ]);
  });

  it('groups deep-equal objects together and orders mixed group types like sort', () => {
    const rows = aggregateInMemory(
      [
        rec('1', { g: { a: 1, b: 2 } }),
        rec('2', { g: { b: 2, a: 1 } }),
        rec('3', { g: 'x' }),
        rec('4', { g: 2 }),
      ],
      { groupBy: ['g'], measures: [{ name: 'n', fn: 'count' }] },
    );
    expect(rows).toEqual([
      { g: 2, n: 1 },
      { g: 'x', n: 1 },
      { g: { a: 1, b: 2 }, n: 2 },
    ]);
  });
});
