import type { JsonValue, SortKey, StoredRecord, StoreFindQuery, StoreSchema, WhereNode } from '@rapport/core';
import { countInMemory, findInMemory, sortValues } from '@rapport/core/store-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LowdbStore, lowdbStore } from './lowdb-store.js';
import { CollectionState } from './state/collection-state.js';
import { orderedPlan } from './state/query-plan.js';
import { memoryLogger } from './test-support/memory-logger.js';
import { removeDir, tempDir } from './test-support/temp-dir.js';

// Pages read through the ordered `['owner', 'at']` index, or the id order, must be exactly the
// pages a full scan gives (`findInMemory` over every record): on seeded random data with ties, nulls, missing and
// mixed-type values, every direction, keyset paging to the end, inside transactions, after a
// rollback and after a reopen (snapshot and journal replay).

const INDEXES = [{ fields: ['owner', 'at'] }, { fields: ['code'], unique: true }];
const SCHEMA: StoreSchema = {
  collections: [{ name: 'item', schema: { type: 'object', properties: {} }, indexes: INDEXES }],
};

/** A deterministic pseudo-random sequence, so failures reproduce. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const owners = ['u0', 'u1', 'u2', 'u3', null, undefined] as const;
/** Few distinct `at` values, so ties (broken by id) are common; a few of other types or absent. */
function atValue(next: () => number): unknown {
  const roll = next();
  if (roll < 0.05) return undefined;
  if (roll < 0.1) return null;
  if (roll < 0.13) return Math.floor(next() * 5);
  return `2026-01-${String(1 + Math.floor(next() * 20)).padStart(2, '0')}`;
}

function item(id: string, next: () => number, version = 1): StoredRecord {
  const record: StoredRecord = {
    id,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version,
    code: `c-${id}`,
    status: next() < 0.5 ? 'open' : 'won',
  };
  const owner = owners[Math.floor(next() * owners.length)];
  if (owner !== undefined) record.owner = owner;
  const at = atValue(next);
  if (at !== undefined) record.at = at;
  return record;
}

const cmp = (field: string, op: 'eq' | 'in', value: JsonValue): WhereNode => ({
  kind: 'cmp',
  field,
  op,
  value,
});
const wheres: Array<[string, WhereNode]> = [
  ['owner eq', cmp('owner', 'eq', 'u1')],
  ['owner eq null (null or missing)', cmp('owner', 'eq', null)],
  ['owner in', cmp('owner', 'in', ['u0', 'u3', 'nobody'])],
  [
    'owner eq and another condition',
    { kind: 'and', items: [cmp('owner', 'eq', 'u2'), cmp('status', 'eq', 'won')] },
  ],
  // no index narrows it: a page sorted by id alone walks the collection's id order
  ['status eq (no index)', cmp('status', 'eq', 'won')],
];
/** `at` then `id`, in each of the four pairs of directions; and `id` alone, both ways. */
const sorts: SortKey[][] = [
  ...(['desc', 'asc'] as const).flatMap((atDirection) =>
    (['asc', 'desc'] as const).map((idDirection): SortKey[] => [
      { field: 'at', direction: atDirection },
      { field: 'id', direction: idDirection },
    ]),
  ),
  [{ field: 'id', direction: 'asc' }],
  [{ field: 'id', direction: 'desc' }],
];

/** Reads every page of `query` with keyset cursors and checks each against the full scan. */
async function checkPaging(
  find: (query: StoreFindQuery) => Promise<StoredRecord[]>,
  view: StoredRecord[],
  where: WhereNode,
  sort: SortKey[],
  limit: number,
  label: string,
): Promise<void> {
  let after: JsonValue[] | undefined;
  for (let page = 0; page < 1_000; page += 1) {
    const query: StoreFindQuery = { where, sort, limit, ...(after ? { after } : {}) };
    const found = await find(query);
    expect(found, `${label}, page ${page}`).toEqual(findInMemory(view, query));
    const last = found[found.length - 1];
    if (found.length < limit || !last) return;
    after = sortValues(last, sort);
  }
  throw new Error(`${label}: paging did not end`);
}

describe('finds through an ordered index answer exactly like a full scan', () => {
  let dir: string;
  let store: LowdbStore;
  let view = new Map<string, StoredRecord>();
  const next = random(11);

  beforeAll(async () => {
    dir = await tempDir();
    store = lowdbStore({ dir, logger: memoryLogger() });
    await store.open(SCHEMA);
    await store.transaction(async (tx) => {
      for (let i = 0; i < 600; i += 1) {
        const record = item(`i${String(i).padStart(4, '0')}`, next);
        await tx.insert('item', record);
        view.set(record.id, record);
      }
    });
  });
  afterAll(async () => {
    await store?.close();
    if (dir) await removeDir(dir);
  });

  const checkAll = async (label: string): Promise<void> => {
    const records = [...view.values()];
    for (const [name, where] of wheres) {
      for (const sort of sorts) {
        for (const limit of [1, 7, 50]) {
          await checkPaging(
            (query) => store.transaction((tx) => tx.find('item', query)),
            records,
            where,
            sort,
            limit,
            `${label}: ${name}, ${sort.map((key) => key.direction).join('/')}, limit ${limit}`,
          );
        }
      }
    }
  };

  it('on the loaded data', async () => {
    await checkAll('loaded');
  });

  it('counts through the ordered lists when the where names both fields (runs of equal values)', async () => {
    const records = [...view.values()];
    const both = (at: JsonValue): WhereNode => ({
      kind: 'and',
      items: [cmp('owner', 'eq', 'u1'), cmp('at', 'eq', at)],
    });
    const probes: WhereNode[] = [
      both('2026-01-05'),
      both(3),
      both(null),
      both({ day: 5 }),
      { kind: 'and', items: [cmp('owner', 'in', ['u1', 'u2']), cmp('at', 'in', ['2026-01-07', 2, 'none'])] },
    ];
    for (const where of probes) {
      const count = await store.transaction((tx) => tx.count('item', where));
      expect(count, JSON.stringify(where)).toBe(countInMemory(records, where));
    }
    expect(countInMemory(records, both('2026-01-05'))).toBeGreaterThan(0);
  });

  it('after random commits of inserts, updates (moving owner and at) and deletes', async () => {
    for (let round = 0; round < 20; round += 1) {
      await store.transaction(async (tx) => {
        for (let k = 0; k < 15; k += 1) {
          const roll = next();
          const ids = [...view.keys()];
          const id = ids[Math.floor(next() * ids.length)] as string;
          if (roll < 0.35) {
            const record = item(`n${round}-${k}`, next);
            await tx.insert('item', record);
            view.set(record.id, record);
          } else if (roll < 0.8) {
            const old = view.get(id) as StoredRecord;
            const moved = { ...item(id, next, old.version + 1), code: old.code };
            await tx.update('item', moved, old.version);
            view.set(id, moved);
          } else {
            await tx.delete('item', id);
            view.delete(id);
          }
        }
      });
    }
    await checkAll('after commits');
  });

  it('inside a transaction that wrote, and unchanged after it rolls back', async () => {
    const committed = view;
    const rolledBack = new Error('roll back');
    await expect(
      store.transaction(async (tx) => {
        const own = new Map(committed);
        const ids = [...own.keys()];
        for (let k = 0; k < 40; k += 1) {
          const id = ids[k * 7] as string;
          const old = own.get(id) as StoredRecord;
          if (k % 3 === 0) {
            await tx.delete('item', id);
            own.delete(id);
          } else {
            const moved = { ...item(id, next, old.version + 1), code: old.code };
            await tx.update('item', moved, old.version);
            own.set(id, moved);
          }
          const record = item(`tx-${k}`, next);
          await tx.insert('item', record);
          own.set(record.id, record);
        }
        const records = [...own.values()];
        for (const [name, where] of wheres) {
          for (const sort of sorts) {
            await checkPaging((query) => tx.find('item', query), records, where, sort, 9, `in tx: ${name}`);
          }
        }
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    await checkAll('after rollback');
  });

  it('after a reopen from the journal, and from a compacted snapshot', async () => {
    await store.close();
    store = lowdbStore({ dir, logger: memoryLogger() });
    await store.open(SCHEMA);
    await checkAll('journal replayed');
    await store.compact();
    await store.close();
    store = lowdbStore({ dir, logger: memoryLogger() });
    await store.open(SCHEMA);
    await checkAll('snapshot loaded');
    view = new Map(view);
  });
});

describe('orderedPlan', () => {
  const collection = new CollectionState('item');
  collection.setIndexes(INDEXES);
  const desc: SortKey[] = [
    { field: 'at', direction: 'desc' },
    { field: 'id', direction: 'asc' },
  ];

  it('walks the ordered index for an eq or in on its leading field, sorted on its second', () => {
    expect(orderedPlan(collection, { where: cmp('owner', 'eq', 'u1'), sort: desc, limit: 50 })).toMatchObject(
      {
        leads: ['u1'],
        valueDesc: true,
        idDesc: false,
      },
    );
    expect(
      orderedPlan(collection, { where: cmp('owner', 'in', ['u1', 'u2', 'u1']), sort: desc, limit: 50 })
        ?.leads,
    ).toEqual(['u1', 'u2']);
  });

  it('falls back for other sorts, wheres without the leading field, unique probes and history', () => {
    const where = cmp('owner', 'eq', 'u1');
    expect(
      orderedPlan(collection, { where, sort: [{ field: 'id', direction: 'asc' }], limit: 5 }),
    ).toBeUndefined();
    expect(
      orderedPlan(collection, {
        where,
        sort: [{ field: 'status', direction: 'asc' }, desc[1] as SortKey],
        limit: 5,
      }),
    ).toBeUndefined();
    expect(
      orderedPlan(collection, { where: cmp('status', 'eq', 'won'), sort: desc, limit: 5 }),
    ).toBeUndefined();
    expect(
      orderedPlan(collection, {
        where: { kind: 'and', items: [where, cmp('code', 'eq', 'c-i0001')] },
        sort: desc,
        limit: 5,
      }),
    ).toBeUndefined();
    const history = new CollectionState('item');
    history.setIndexes(INDEXES, { ordered: false });
    expect(orderedPlan(history, { where, sort: desc, limit: 5 })).toBeUndefined();
  });
});
