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

  it('scans (undefined) when no index applies', () => {
    expect(candidateIds(collection, undefined)).toBeUndefined();
    expect(candidateIds(collection, eq('name', 'x'))).toBeUndefined();
    expect(candidateIds(collection, eq('owner', 'u1'))).toBeUndefined(); // only the compound index has owner
    expect(
      candidateIds(collection, { kind: 'or', items: [eq('segment', 's1'), eq('segment', 's2')] }),
    ).toBeUndefined();
    expect(candidateIds(collection, eq('email', null))).toBeUndefined(); // nulls are not in a unique index
  });
});
