import { describe, expect, it } from 'vitest';
import type { JsonSchemaObject } from '../entities/json-schema.js';
import { StoreError } from '../errors.js';
import { createMemoryVolume, memoryStore } from './memory-store.js';
import type { DataStore, StoredRecord, StoreSchema, StoreTx } from './types.js';

const customerSchema: JsonSchemaObject = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    version: { type: 'integer' },
    name: { type: 'string' },
    email: { type: 'string' },
    team: { type: 'string' },
    counter: { type: 'integer' },
    tags: { type: 'array', items: { type: 'string' } },
  },
};

const schema: StoreSchema = {
  collections: [
    {
      name: 'customer',
      schema: customerSchema,
      indexes: [
        { fields: ['email'], unique: true },
        { fields: ['team', 'name'], unique: true },
        { fields: ['team'] },
      ],
    },
    { name: 'note', schema: customerSchema, indexes: [] },
  ],
};

function rec(id: string, fields: Record<string, unknown> = {}, version = 1): StoredRecord {
  return {
    id,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version,
    ...fields,
  };
}

async function openStore(store: DataStore = memoryStore()): Promise<DataStore> {
  await store.open(schema);
  return store;
}

/** Awaits a promise expected to reject with a StoreError of `code`; returns the error. */
async function storeError(promise: Promise<unknown>, code: string): Promise<StoreError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  expect((error as StoreError).code).toBe(code);
  return error as StoreError;
}

const all = (store: DataStore, collection = 'customer') =>
  store.transaction((tx) => tx.find(collection, { sort: [{ field: 'id', direction: 'asc' }], limit: 1000 }));

describe('memoryStore', () => {
  it('describes itself', () => {
    const store = memoryStore();
    expect(store.name).toBe('memory');
    expect(store.capabilities).toEqual({ multiProcess: false, durable: false });
  });

  describe('CRUD', () => {
    it('inserts, gets, updates and deletes', async () => {
      const store = await openStore();
      await store.transaction((tx) => tx.insert('customer', rec('c1', { name: 'Ada' })));
      expect(await store.transaction((tx) => tx.get('customer', 'c1'))).toEqual(rec('c1', { name: 'Ada' }));
      expect(await store.transaction((tx) => tx.get('customer', 'nope'))).toBeUndefined();
      expect(await store.transaction((tx) => tx.get('note', 'c1'))).toBeUndefined();

      await store.transaction((tx) => tx.update('customer', rec('c1', { name: 'Ada L.' }, 2), 1));
      expect(await store.transaction((tx) => tx.get('customer', 'c1'))).toEqual(
        rec('c1', { name: 'Ada L.' }, 2),
      );

      await store.transaction((tx) => tx.delete('customer', 'c1', 2));
      expect(await store.transaction((tx) => tx.get('customer', 'c1'))).toBeUndefined();
      await store.transaction((tx) => tx.insert('customer', rec('c2')));
      await store.transaction((tx) => tx.delete('customer', 'c2'));
      expect(await all(store)).toEqual([]);
    });

    it('returns the value of the transaction function', async () => {
      const store = await openStore();
      expect(await store.transaction(async () => 42)).toBe(42);
    });

    it('finds, counts and aggregates with the query language', async () => {
      const store = await openStore();
      await store.transaction(async (tx) => {
        await tx.insert('customer', rec('c1', { name: 'B', team: 'north', counter: 2 }));
        await tx.insert('customer', rec('c2', { name: 'A', team: 'north', counter: 3 }));
        await tx.insert('customer', rec('c3', { name: 'C', team: 'south', counter: 5 }));
      });
      await store.transaction(async (tx) => {
        const north = { kind: 'cmp', field: 'team', op: 'eq', value: 'north' } as const;
        const rows = await tx.find('customer', {
          where: north,
          sort: [
            { field: 'name', direction: 'asc' },
            { field: 'id', direction: 'asc' },
          ],
          limit: 10,
        });
        expect(rows.map((r) => r.id)).toEqual(['c2', 'c1']);
        const after = await tx.find('customer', {
          sort: [{ field: 'id', direction: 'asc' }],
          limit: 1,
          after: ['c1'],
        });
        expect(after.map((r) => r.id)).toEqual(['c2']);
        expect(await tx.count('customer', north)).toBe(2);
        expect(await tx.count('customer')).toBe(3);
        expect(
          await tx.aggregate('customer', {
            groupBy: ['team'],
            measures: [
              { name: 'n', fn: 'count' },
              { name: 'total', fn: 'sum', field: 'counter' },
            ],
          }),
        ).toEqual([
          { team: 'north', n: 2, total: 5 },
          { team: 'south', n: 1, total: 5 },
        ]);
      });
    });

    it('copies records in and out, so callers cannot change stored data', async () => {
      const store = await openStore();
      const input = rec('c1', { name: 'Ada', tags: ['a'] });
      await store.transaction((tx) => tx.insert('customer', input));
      input.name = 'changed';
      (input.tags as string[]).push('x');
      const got = await store.transaction((tx) => tx.get('customer', 'c1'));
      expect(got).toEqual(rec('c1', { name: 'Ada', tags: ['a'] }));
      (got!.tags as string[]).push('y');
      const [found] = await all(store);
      expect(found?.tags).toEqual(['a']);
      (found!.tags as string[]).push('z');
      expect((await store.transaction((tx) => tx.get('customer', 'c1')))?.tags).toEqual(['a']);
    });

    it('refuses records that are not plain data or lack an id', async () => {
      const store = await openStore();
      await storeError(
        store.transaction((tx) => tx.insert('customer', rec('c1', { fn: () => 1 }))),
        'INVALID',
      );
      await storeError(
        store.transaction((tx) => tx.insert('customer', { ...rec('x'), id: '' })),
        'INVALID',
      );
    });
  });

  describe('errors', () => {
    it('CONFLICT when inserting an existing id', async () => {
      const store = await openStore();
      await store.transaction((tx) => tx.insert('customer', rec('c1')));
      const error = await storeError(
        store.transaction((tx) => tx.insert('customer', rec('c1'))),
        'CONFLICT',
      );
      expect(error.message).toBe('customer c1 already exists');
      expect(error.details).toEqual({ collection: 'customer', id: 'c1' });
    });

    it('NOT_FOUND when updating or deleting a missing record', async () => {
      const store = await openStore();
      const update = await storeError(
        store.transaction((tx) => tx.update('customer', rec('c9', {}, 2), 1)),
        'NOT_FOUND',
      );
      expect(update.message).toBe('customer c9 does not exist');
      await storeError(
        store.transaction((tx) => tx.delete('customer', 'c9')),
        'NOT_FOUND',
      );
    });

    it('CONFLICT on a version mismatch for update and delete', async () => {
      const store = await openStore();
      await store.transaction((tx) => tx.insert('customer', rec('c1', {}, 3)));
      const error = await storeError(
        store.transaction((tx) => tx.update('customer', rec('c1', {}, 3), 2)),
        'CONFLICT',
      );
      expect(error.message).toBe('customer c1 was changed by someone else (expected version 2, found 3)');
      expect(error.details).toEqual({
        collection: 'customer',
        id: 'c1',
        expectedVersion: 2,
        actualVersion: 3,
      });
      await storeError(
        store.transaction((tx) => tx.delete('customer', 'c1', 1)),
        'CONFLICT',
      );
      expect(await store.transaction((tx) => tx.get('customer', 'c1'))).toEqual(rec('c1', {}, 3));
    });

    it('INVALID for an unknown collection', async () => {
      const store = await openStore();
      const error = await storeError(
        store.transaction((tx) => tx.get('nope', 'x')),
        'INVALID',
      );
      expect(error.message).toMatch(/unknown collection 'nope'/);
      await storeError(
        store.transaction((tx) => tx.insert('nope', rec('x'))),
        'INVALID',
      );
    });
  });

  describe('unique indexes', () => {
    it('refuses a second record with the same unique value, on insert and update', async () => {
      const store = await openStore();
      await store.transaction((tx) => tx.insert('customer', rec('c1', { email: 'a@x.io' })));
      const error = await storeError(
        store.transaction((tx) => tx.insert('customer', rec('c2', { email: 'a@x.io' }))),
        'CONFLICT',
      );
      expect(error.message).toBe('customer c2: email "a@x.io" is already used by customer c1');
      expect(error.details).toMatchObject({
        collection: 'customer',
        id: 'c2',
        fields: ['email'],
        conflictingId: 'c1',
      });

      await store.transaction((tx) => tx.insert('customer', rec('c2', { email: 'b@x.io' })));
      await storeError(
        store.transaction((tx) => tx.update('customer', rec('c2', { email: 'a@x.io' }, 2), 1)),
        'CONFLICT',
      );
      // updating a record keeping its own unique value is fine
      await store.transaction((tx) => tx.update('customer', rec('c1', { email: 'a@x.io', name: 'n' }, 2), 1));
      // the value is free again once its holder moves away
      await store.transaction((tx) => tx.update('customer', rec('c1', { email: 'c@x.io' }, 3), 2));
      await store.transaction((tx) => tx.update('customer', rec('c2', { email: 'a@x.io' }, 2), 1));
    });

    it('compares every field of a compound index and ignores rows with a null or missing field', async () => {
      const store = await openStore();
      await store.transaction(async (tx) => {
        await tx.insert('customer', rec('c1', { team: 'north', name: 'Ada' }));
        await tx.insert('customer', rec('c2', { team: 'south', name: 'Ada' }));
        await tx.insert('customer', rec('c3', { team: 'north', name: 'Bob' }));
        await tx.insert('customer', rec('c4', { team: null, name: 'Ada' }));
        await tx.insert('customer', rec('c5', { name: 'Ada' }));
        await tx.insert('customer', rec('c6', { name: 'Ada', email: null }));
        await tx.insert('customer', rec('c7', { name: 'Ada', email: null }));
      });
      const error = await storeError(
        store.transaction((tx) => tx.insert('customer', rec('c8', { team: 'north', name: 'Ada' }))),
        'CONFLICT',
      );
      expect(error.message).toBe('customer c8: team "north", name "Ada" is already used by customer c1');
      expect(await all(store)).toHaveLength(7);
    });

    it('lets a value move between records inside one transaction', async () => {
      const store = await openStore();
      await store.transaction((tx) => tx.insert('customer', rec('c1', { email: 'a@x.io' })));
      await store.transaction(async (tx) => {
        await tx.delete('customer', 'c1');
        await tx.insert('customer', rec('c2', { email: 'a@x.io' }));
      });
      expect((await all(store)).map((r) => r.id)).toEqual(['c2']);
    });

    it('refuses to open an index that existing data already violates', async () => {
      const volume = createMemoryVolume();
      const plain = memoryStore({ volume });
      await plain.open({ collections: [{ name: 'customer', schema: customerSchema, indexes: [] }] });
      await plain.transaction(async (tx) => {
        await tx.insert('customer', rec('c1', { email: 'a@x.io' }));
        await tx.insert('customer', rec('c2', { email: 'a@x.io' }));
      });
      await plain.close();
      await storeError(memoryStore({ volume }).open(schema), 'CONFLICT');
    });
  });

  describe('transactions', () => {
    it('rolls back everything when the function throws, and rethrows the same error', async () => {
      const store = await openStore();
      await store.transaction((tx) => tx.insert('customer', rec('keep', { name: 'before' })));
      const boom = new Error('boom');
      const caught = await store
        .transaction(async (tx) => {
          await tx.insert('customer', rec('c1'));
          await tx.insert('note', rec('n1'));
          await tx.update('customer', rec('keep', { name: 'after' }, 2), 1);
          await tx.insert('customer', rec('c2'));
          await tx.delete('customer', 'c2');
          await tx.delete('customer', 'keep');
          await tx.insert('customer', rec('keep', { name: 'again' }));
          throw boom;
        })
        .catch((e: unknown) => e);
      expect(caught).toBe(boom);
      expect(await all(store)).toEqual([rec('keep', { name: 'before' })]);
      expect(await all(store, 'note')).toEqual([]);
    });

    it('a transaction that inserts then throws leaves nothing', async () => {
      const store = await openStore();
      await expect(
        store.transaction(async (tx) => {
          await tx.insert('customer', rec('c1'));
          throw new Error('nope');
        }),
      ).rejects.toThrow('nope');
      expect(await store.transaction((tx) => tx.count('customer'))).toBe(0);
    });

    it('rolls back when a store operation fails and the caller lets it propagate', async () => {
      const store = await openStore();
      await store.transaction((tx) => tx.insert('customer', rec('c1')));
      await storeError(
        store.transaction(async (tx) => {
          await tx.insert('customer', rec('c2'));
          await tx.insert('customer', rec('c1'));
        }),
        'CONFLICT',
      );
      expect((await all(store)).map((r) => r.id)).toEqual(['c1']);
    });

    it('reads its own writes', async () => {
      const store = await openStore();
      await store.transaction(async (tx) => {
        await tx.insert('customer', rec('c1', { team: 'north' }));
        expect(await tx.get('customer', 'c1')).toEqual(rec('c1', { team: 'north' }));
        expect(await tx.count('customer', { kind: 'cmp', field: 'team', op: 'eq', value: 'north' })).toBe(1);
        await tx.update('customer', rec('c1', { team: 'south' }, 2), 1);
        const rows = await tx.find('customer', { sort: [{ field: 'id', direction: 'asc' }], limit: 10 });
        expect(rows).toEqual([rec('c1', { team: 'south' }, 2)]);
        await tx.delete('customer', 'c1');
        expect(await tx.get('customer', 'c1')).toBeUndefined();
      });
    });

    it('serializes concurrent transactions: 100 read-modify-write increments all land', async () => {
      const store = await openStore();
      await store.transaction((tx) => tx.insert('customer', rec('c1', { counter: 0 })));
      await Promise.all(
        Array.from({ length: 100 }, () =>
          store.transaction(async (tx) => {
            const current = await tx.get('customer', 'c1');
            if (!current) throw new Error('missing');
            await new Promise((resolve) => setTimeout(resolve, 0));
            const next = {
              ...current,
              version: current.version + 1,
              counter: (current.counter as number) + 1,
            };
            await tx.update('customer', next, current.version);
          }),
        ),
      );
      const final = await store.transaction((tx) => tx.get('customer', 'c1'));
      expect(final?.counter).toBe(100);
      expect(final?.version).toBe(101);
    });

    it('runs transactions in FIFO order and keeps going after a failed one', async () => {
      const store = await openStore();
      const order: number[] = [];
      const runs = [0, 1, 2, 3, 4].map((i) =>
        store.transaction(async () => {
          await new Promise((resolve) => setTimeout(resolve, 5 - i));
          order.push(i);
          if (i === 1) throw new Error('fail');
        }),
      );
      const results = await Promise.allSettled(runs);
      expect(order).toEqual([0, 1, 2, 3, 4]);
      expect(results.map((r) => r.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
        'fulfilled',
      ]);
    });

    it('refuses a transaction handle used after its transaction ended', async () => {
      const store = await openStore();
      let leaked: StoreTx | undefined;
      await store.transaction(async (tx) => {
        leaked = tx;
      });
      const error = await storeError(leaked!.get('customer', 'c1'), 'INVALID');
      expect(error.message).toBe('transaction already finished');
      await storeError(leaked!.insert('customer', rec('c1')), 'INVALID');
      expect(await store.transaction((tx) => tx.count('customer'))).toBe(0);

      await store
        .transaction(async (tx) => {
          leaked = tx;
          throw new Error('x');
        })
        .catch(() => undefined);
      await storeError(leaked!.count('customer'), 'INVALID');
    });

    it('serializes the transactions of two stores sharing a volume', async () => {
      const volume = createMemoryVolume();
      const one = await openStore(memoryStore({ volume }));
      const two = await openStore(memoryStore({ volume }));
      await one.transaction((tx) => tx.insert('customer', rec('c1', { counter: 0 })));
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? one : two).transaction(async (tx) => {
            const current = await tx.get('customer', 'c1');
            await new Promise((resolve) => setTimeout(resolve, 0));
            if (!current) throw new Error('missing');
            await tx.update(
              'customer',
              { ...current, version: current.version + 1, counter: (current.counter as number) + 1 },
              current.version,
            );
          }),
        ),
      );
      expect((await two.transaction((tx) => tx.get('customer', 'c1')))?.counter).toBe(20);
    });
  });

  describe('lifecycle', () => {
    it('keeps data when a new store reopens the same volume', async () => {
      const volume = createMemoryVolume();
      const first = await openStore(memoryStore({ volume }));
      await first.transaction((tx) => tx.insert('customer', rec('c1', { email: 'a@x.io' })));
      await first.close();

      const second = await openStore(memoryStore({ volume }));
      expect(await second.transaction((tx) => tx.get('customer', 'c1'))).toEqual(
        rec('c1', { email: 'a@x.io' }),
      );
      // the unique index still holds after reopening
      await storeError(
        second.transaction((tx) => tx.insert('customer', rec('c2', { email: 'a@x.io' }))),
        'CONFLICT',
      );
    });

    it('a fresh volume starts empty', async () => {
      const volume = createMemoryVolume();
      const first = await openStore(memoryStore({ volume }));
      await first.transaction((tx) => tx.insert('customer', rec('c1')));
      const other = await openStore();
      expect(await other.transaction((tx) => tx.count('customer'))).toBe(0);
    });

    it('open is idempotent, keeps data and adds new collections', async () => {
      const store = await openStore();
      await store.transaction((tx) => tx.insert('customer', rec('c1')));
      await store.open(schema);
      await store.open({
        collections: [...schema.collections, { name: 'deal', schema: customerSchema, indexes: [] }],
      });
      expect(await store.transaction((tx) => tx.count('customer'))).toBe(1);
      expect(await store.transaction((tx) => tx.count('deal'))).toBe(0);
    });

    it('is UNAVAILABLE before open', async () => {
      const store = memoryStore();
      await storeError(store.ping(), 'UNAVAILABLE');
      const error = await storeError(
        store.transaction((tx) => tx.count('customer')),
        'UNAVAILABLE',
      );
      expect(error.message).toMatch(/not open yet/);
    });

    it('pings while open and is UNAVAILABLE for every call after close', async () => {
      const store = await openStore();
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
      await storeError(store.ping(), 'UNAVAILABLE');
      const error = await storeError(
        store.transaction((tx) => tx.count('customer')),
        'UNAVAILABLE',
      );
      expect(error.message).toMatch(/closed/);
      await storeError(store.open(schema), 'UNAVAILABLE');
      await store.close();
    });

    it('fails the running and queued transactions of a store closed meanwhile', async () => {
      const store = await openStore();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const running = store.transaction(async (tx) => {
        await tx.insert('customer', rec('c1'));
        await gate;
        await tx.insert('customer', rec('c2'));
      });
      const queued = store.transaction((tx) => tx.count('customer'));
      await store.close();
      release();
      await storeError(running, 'UNAVAILABLE');
      await storeError(queued, 'UNAVAILABLE');
    });
  });
});
