import type { WhereNode } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { customer } from '../test-support/fixtures.js';
import { CollectionState } from './collection-state.js';
import { candidateIds } from './query-plan.js';

const collection = new CollectionState('customer');
for (let i = 0; i < 1_000; i += 1) {
  collection.records.set(`c${i}`, customer(`c${i}`, { segment: `s${i % 100}`, owner: `u${i % 10}` }));
}
collection.setIndexes([
  { fields: ['email'], unique: true },
  { fields: ['segment'] },
  { fields: ['owner', 'segment'] },
]);
const eq = (field: string, value: string | null): WhereNode => ({ kind: 'cmp', field, op: 'eq', value });

describe('candidateIds', () => {
  it('reads an eq on an indexed field from the index, not from a scan', () => {
    expect(candidateIds(collection, eq('segment', 's7'))?.sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `c${i * 100 + 7}`).sort(),
    );
  });

  it('uses the unique index, the primary key and the most selective index', () => {
    expect(candidateIds(collection, eq('email', 'c5@example.com'))).toEqual(['c5']);
    expect(
      candidateIds(collection, { kind: 'cmp', field: 'id', op: 'in', value: ['c1', 'c1', 7, 'zz'] }),
    ).toEqual(['c1', 'zz']);
    const both: WhereNode = {
      kind: 'and',
      items: [eq('owner', 'u7'), eq('segment', 's7'), eq('email', 'c7@example.com')],
    };
    expect(candidateIds(collection, both)).toEqual(['c7']);
  });

  it('reads `exists: false` as the null key of an index, as `eq: null`', () => {
    const open = new CollectionState('stay');
    for (let i = 0; i < 300; i += 1) {
      const left = i % 3 === 0 ? {} : i % 3 === 1 ? { leftAt: null } : { leftAt: '2026-01-01' };
      open.records.set(`s${i}`, customer(`s${i}`, { dealId: `d${i % 10}`, ...left }));
    }
    open.setIndexes([{ fields: ['dealId', 'leftAt'] }]);
    const where: WhereNode = {
      kind: 'and',
      items: [eq('dealId', 'd4'), { kind: 'cmp', field: 'leftAt', op: 'exists', value: false }],
    };
    const expected = [...open.records.values()]
      .filter((record) => record.dealId === 'd4' && (record.leftAt ?? null) === null)
      .map((record) => record.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(candidateIds(open, where)?.sort()).toEqual(expected.sort());
    // `exists: true` names no single key: the leading field alone narrows it to deal d4.
    const present: WhereNode = {
      ...where,
      items: [eq('dealId', 'd4'), { kind: 'cmp', field: 'leftAt', op: 'exists', value: true }],
    };
    expect(candidateIds(open, present)).toHaveLength(30);
  });

  it('narrows by the leading field of a compound index when the others have no single value', () => {
    const byOwner = (owner: string) =>
      [...collection.records.values()].filter((record) => record.owner === owner).map((record) => record.id);
    expect(candidateIds(collection, eq('owner', 'u1'))?.sort()).toEqual(byOwner('u1').sort());
    const range: WhereNode = {
      kind: 'and',
      items: [
        { kind: 'cmp', field: 'owner', op: 'in', value: ['u1', 'u2', 'u1'] },
        { kind: 'cmp', field: 'segment', op: 'gte', value: 's50' },
      ],
    };
    expect(candidateIds(collection, range)?.sort()).toEqual([...byOwner('u1'), ...byOwner('u2')].sort());
    // Every field with a value: the exact tuple (owner u1 holds segments s1, s11, … s91).
    const exact: WhereNode = { kind: 'and', items: [eq('owner', 'u1'), eq('segment', 's11')] };
    expect(candidateIds(collection, exact)?.sort()).toEqual([
      'c11',
      'c111',
      'c211',
      'c311',
      'c411',
      'c511',
      'c611',
      'c711',
      'c811',
      'c911',
    ]);
  });

  it('scans (undefined) when no index applies', () => {
    expect(candidateIds(collection, undefined)).toBeUndefined();
    expect(candidateIds(collection, eq('name', 'x'))).toBeUndefined();
    expect(
      candidateIds(collection, { kind: 'or', items: [eq('segment', 's1'), eq('segment', 's2')] }),
    ).toBeUndefined();
    expect(candidateIds(collection, eq('email', null))).toBeUndefined(); // nulls are not in a unique index
  });
});
