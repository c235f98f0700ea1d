import type { JsonValue, StoredRecord, StoreTx, WhereNode } from '@rapport/core';
import { aggregateInMemory, countInMemory, findInMemory } from '@rapport/core/store-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LowdbStore, lowdbStore } from './lowdb-store.js';
import { customer, TEST_SCHEMA } from './test-support/fixtures.js';
import { memoryLogger } from './test-support/memory-logger.js';
import { removeDir, tempDir } from './test-support/temp-dir.js';

const N = 3_000;
const segments = ['A', 'B', 'C', null, undefined] as const;
const owners = Array.from({ length: 40 }, (_, i) => `u${i}`);

/** A deterministic pseudo-random sequence, so failures reproduce. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const cmp = (field: string, op: 'eq' | 'in' | 'gt' | 'exists', value: JsonValue): WhereNode => ({
  kind: 'cmp',
  field,
  op,
  value,
});
const and = (...items: WhereNode[]): WhereNode => ({ kind: 'and', items });

const wheres: Array<[string, WhereNode]> = [
  ['eq on an indexed field', cmp('segment', 'eq', 'B')],
  ['eq null on an indexed field (null or missing)', cmp('segment', 'eq', null)],
  ['in on an indexed field', cmp('segment', 'in', ['A', 'C', 'nope'])],
  ['eq on the unique field', cmp('email', 'eq', 'k17@example.com')],
  ['in on the unique field, with a miss', cmp('email', 'in', ['k1@example.com', 'k2999@example.com', 'x'])],
  ['the compound index, both fields', and(cmp('owner', 'eq', 'u3'), cmp('segment', 'eq', 'A'))],
  ['the compound index with in', and(cmp('owner', 'in', ['u1', 'u2']), cmp('segment', 'in', ['A', 'B']))],
  ['an indexed eq and a range', and(cmp('segment', 'eq', 'C'), cmp('score', 'gt', 500))],
  ['nested ands', and(and(cmp('segment', 'eq', 'A')), and(cmp('owner', 'eq', 'u5')))],
  ['ids', cmp('id', 'in', ['k1', 'k2', 'k3', 'k404040'])],
  ['an or (no index)', { kind: 'or', items: [cmp('segment', 'eq', 'A'), cmp('owner', 'eq', 'u1')] }],
  ['a not (no index)', { kind: 'not', item: cmp('segment', 'eq', 'A') }],
  ['an unindexed field', cmp('score', 'gt', 900)],
  ['eq on a number as a string does not match', cmp('segment', 'eq', 1)],
];

describe('indexed find, count and aggregate answer exactly like a full scan', () => {
  let dir: string;
  let store: LowdbStore;
  const all: StoredRecord[] = [];

  beforeAll(async () => {
    dir = await tempDir();
    store = lowdbStore({ dir, logger: memoryLogger() });
    await store.open(TEST_SCHEMA);
    const next = random(7);
    for (let batch = 0; batch < N; batch += 500) {
      await store.transaction(async (tx) => {
        for (let i = batch; i < batch + 500; i += 1) {
          const segment = segments[Math.floor(next() * segments.length)];
          const fields: Record<string, unknown> = {
            owner: owners[Math.floor(next() * owners.length)],
            score: i % 1000,
          };
          if (segment !== undefined) fields.segment = segment;
          const record = customer(`k${i}`, fields);
          all.push(record);
          await tx.insert('customer', record);
        }
      });
    }
  });
  afterAll(async () => {
    await store.close();
    await removeDir(dir);
  });

  const sort = [
    { field: 'score', direction: 'desc' as const },
    { field: 'id', direction: 'asc' as const },
  ];

  async function compare(tx: StoreTx, view: StoredRecord[], label: string, where: WhereNode) {
    const found = await tx.find('customer', { where, sort, limit: 1_000_000 });
    expect(found, label).toEqual(findInMemory(view, { where, sort, limit: 1_000_000 }));
    const page = await tx.find('customer', { where, sort, limit: 7, after: [500, 'k0'] });
    expect(page, label).toEqual(findInMemory(view, { where, sort, limit: 7, after: [500, 'k0'] }));
    expect(await tx.count('customer', where), label).toBe(countInMemory(view, where));
    const aggregate = {
      where,
      groupBy: ['segment'],
      measures: [
        { name: 'n', fn: 'count' as const },
        { name: 's', fn: 'sum' as const, field: 'score' },
      ],
    };
    expect(await tx.aggregate('customer', aggregate), label).toEqual(aggregateInMemory(view, aggregate));
  }

  it.each(wheres)('%s', async (label, where) => {
    await store.transaction((tx) => compare(tx, all, label, where));
  });

  it('inside a transaction that inserted, updated and deleted indexed records', async () => {
    const rolledBack = new Error('roll back');
    await expect(
      store.transaction(async (tx) => {
        const view = new Map(all.map((record) => [record.id, record]));
        const inserted = customer('new1', { segment: 'B', owner: 'u3', score: 999 });
        await tx.insert('customer', inserted);
        view.set(inserted.id, inserted);
        const moved = { ...(view.get('k10') as StoredRecord), segment: 'A', owner: 'u3', version: 2 };
        await tx.update('customer', moved, 1);
        view.set(moved.id, moved);
        await tx.delete('customer', 'k11');
        view.delete('k11');
        const records = [...view.values()];
        for (const [label, where] of wheres) await compare(tx, records, `in tx: ${label}`, where);
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    await store.transaction((tx) => compare(tx, all, 'after rollback', cmp('segment', 'eq', 'A')));
  });

  it('keeps the indexes right across commits, a swap of unique values, and a reopen', async () => {
    await store.transaction(async (tx) => {
      // k1 and k2 swap emails within one transaction: legal, and the unique index must follow.
      const [a, b] = [
        (await tx.get('customer', 'k1')) as StoredRecord,
        (await tx.get('customer', 'k2')) as StoredRecord,
      ];
      await tx.update('customer', { ...a, email: 'swap@example.com', version: 2 }, 1);
      await tx.update('customer', { ...b, email: a.email, version: 2 }, 1);
      await tx.update('customer', { ...a, email: b.email, version: 3 }, 2);
    });
    const byEmail = (email: string) =>
      store.transaction((tx) => tx.find('customer', { where: cmp('email', 'eq', email), sort, limit: 10 }));
    expect((await byEmail('k1@example.com')).map((r) => r.id)).toEqual(['k2']);
    expect((await byEmail('k2@example.com')).map((r) => r.id)).toEqual(['k1']);
    await expect(
      store.transaction((tx) => tx.insert('customer', customer('dup', { email: 'k1@example.com' }))),
    ).rejects.toMatchObject({ code: 'CONFLICT', details: { conflictingId: 'k2' } });
    await store.close();
    store = lowdbStore({ dir, logger: memoryLogger() });
    await store.open(TEST_SCHEMA);
    expect((await byEmail('k1@example.com')).map((r) => r.id)).toEqual(['k2']);
    await expect(
      store.transaction((tx) => tx.insert('customer', customer('dup', { email: 'k2@example.com' }))),
    ).rejects.toMatchObject({ code: 'CONFLICT', details: { conflictingId: 'k1' } });
  });
});
