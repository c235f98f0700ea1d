import {
  type Actor,
  createKernel,
  createManualClock,
  type DataStore,
  type EntityRecord,
  IDEMPOTENCY,
  jsonDepthExcess,
  type Kernel,
  type KernelConfig,
  LINKS,
  MAX_JSON_DEPTH,
  RapportError,
  SERVER_SECRET,
  SYSTEM_ACTOR,
  type Where,
} from '@rapport/core';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conformanceFixture, EXPLODE, type Item, ONCE_PURPOSE } from './fixture-plugin.js';

/** A place a store keeps its data; `create` makes a new adapter instance on that same place. */
export interface StoreLocation {
  create(): DataStore;
  /** Removes what the location holds (temp folders, schemas). */
  cleanup?(): Promise<void>;
}

/** Options of {@link describeStoreConformance}. */
export interface ConformanceOptions {
  /** Concurrent writers in the lost-update test (default 100). */
  writers?: number;
  /** Per-test timeout in ms (default 30000). */
  timeout?: number;
}

const admin: Actor = { id: 'conformance-admin', kind: 'user', roles: ['admin'] };

/**
 * The suite every store adapter must pass, run through a real kernel: CRUD, each query operator,
 * and/or/not, sort with missing values, keyset cursors that stay stable under concurrent inserts,
 * projection, count, aggregates, version conflicts, unique indexes, rollback when a hook throws,
 * a multi-repository transaction that fails half-way, concurrent writers with no lost update,
 * outbox delivery after a simulated crash, close/reopen, one winner among concurrent uses of a
 * single-use link token, one write of 16 concurrent uses of an idempotency key, and (for multi-process stores) one server secret after a first-start
 * race. Add adapter-specific tests in your own `describe` next to it.
 *
 * @example
 * ```ts
 * describeStoreConformance('memory', () => {
 *   const volume = createMemoryVolume();
 *   return { create: () => memoryStore({ volume }) };
 * });
 * ```
 */
export function describeStoreConformance(
  name: string,
  setup: () => StoreLocation | Promise<StoreLocation>,
  options: ConformanceOptions = {},
): void {
  const writers = options.writers ?? 100;
  describe(`store conformance: ${name}`, { timeout: options.timeout ?? 30_000 }, () => {
    let location: StoreLocation;
    const kernels: Kernel[] = [];
    const boot = async (extra: Partial<KernelConfig> = {}): Promise<Kernel> => {
      const kernel = await createKernel({
        store: location.create(),
        plugins: [conformanceFixture()],
        clock: createManualClock('2026-05-01T00:00:00Z'),
        logger: pino({ level: 'silent' }),
        jobs: { timer: false },
        ...extra,
      });
      await kernel.start();
      kernels.push(kernel);
      return kernel;
    };
    const items = (kernel: Kernel) => kernel.data<Item>('item', { actor: admin });

    beforeEach(async () => {
      location = await setup();
    });
    afterEach(async () => {
      for (const kernel of kernels.splice(0)) await kernel.stop().catch(() => undefined);
      await location.cleanup?.();
    });

    describe('CRUD', () => {
      it('creates, reads, updates and deletes a record with system fields maintained', async () => {
        const repo = items(await boot());
        const created = await repo.create({
          name: 'first',
          qty: 1,
          amount: { amount: 1999, currency: 'EUR' },
        });
        expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
        expect(created.version).toBe(1);
        expect(created.createdAt).toBe('2026-05-01T00:00:00.000Z');
        expect(await repo.get(created.id)).toEqual(created);
        const updated = await repo.update(created.id, { qty: 2, amount: { amount: 2500 } } as Partial<Item>);
        expect(updated).toMatchObject({ qty: 2, version: 2, amount: { amount: 2500, currency: 'EUR' } });
        expect(await repo.get(created.id)).toEqual(updated);
        const cleared = await repo.update(created.id, { qty: null } as unknown as Partial<Item>);
        expect(cleared.qty).toBeUndefined();
        await repo.delete(created.id);
        await expect(repo.get(created.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(repo.delete(created.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      });

      it('serves a record as JSON with its version, and sees a transaction its own writes', async () => {
        const kernel = await boot();
        const record = await items(kernel).create({ name: 'json', tags: ['a'], counter: 3 });
        const answer = await items(kernel).getJson(record.id);
        expect(answer.version).toBe(1);
        expect(JSON.parse(answer.json)).toEqual(await items(kernel).get(record.id));
        await expect(items(kernel).getJson('missing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await kernel.transaction(async (tx) => {
          const repo = tx.data<Item>('item', { actor: admin });
          await repo.update(record.id, { counter: 4 });
          const inside = await repo.getJson(record.id);
          expect(inside.version).toBe(2);
          expect(JSON.parse(inside.json)).toMatchObject({ counter: 4 });
        });
        // Serializing never hands out the store's own object: later reads are unchanged.
        const after = await items(kernel).get(record.id);
        after.tags?.push('mutated');
        expect(JSON.parse((await items(kernel).getJson(record.id)).json).tags).toEqual(['a']);
      });

      it('refuses a stale expected version with CONFLICT and keeps the stored record', async () => {
        const repo = items(await boot());
        const record = await repo.create({ name: 'versioned' });
        await repo.update(record.id, { qty: 1 }, { expectedVersion: 1 });
        await expect(repo.update(record.id, { qty: 2 }, { expectedVersion: 1 })).rejects.toMatchObject({
          code: 'CONFLICT',
          details: { kind: 'version', entity: 'item', id: record.id, expected: 1, actual: 2 },
        });
        await expect(repo.delete(record.id, { expectedVersion: 1 })).rejects.toMatchObject({
          code: 'CONFLICT',
        });
        expect(await repo.get(record.id)).toMatchObject({ qty: 1, version: 2 });
      });

      it('enforces unique indexes on create and update', async () => {
        const repo = items(await boot());
        const one = await repo.create({ name: 'one', code: 'A-1' });
        const other = await repo.create({ name: 'two', code: 'B-2' });
        // The index and the holder are reported, so `conflict` taps can explain the refusal.
        const refusal = {
          code: 'CONFLICT',
          details: { kind: 'unique', entity: 'item', fields: ['code'], value: 'A-1', existingId: one.id },
        };
        await expect(repo.create({ name: 'dup', code: 'A-1' })).rejects.toMatchObject(refusal);
        await expect(repo.update(other.id, { code: 'A-1' })).rejects.toMatchObject(refusal);
        expect(await repo.count({ code: 'A-1' })).toBe(1);
        await repo.create({ name: 'no code 1' });
        await repo.create({ name: 'no code 2' });
        expect(await repo.count()).toBe(4);
      });

      it('lets exactly one of concurrent creates take a unique value, naming it to the others', async () => {
        const repo = items(await boot());
        const results = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) => repo.create({ name: `racer ${i}`, code: 'RACE' })),
        );
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(won).toHaveLength(1);
        const winner = (won[0] as PromiseFulfilledResult<EntityRecord<Item>>).value;
        for (const { reason } of lost) {
          expect(reason).toMatchObject({
            code: 'CONFLICT',
            details: { kind: 'unique', fields: ['code'], existingId: winner.id },
          });
        }
        expect(await repo.count({ code: 'RACE' })).toBe(1);
      });

      it('keeps a transaction usable after a unique index refused one of its writes', async () => {
        const kernel = await boot();
        const one = await items(kernel).create({ name: 'one', code: 'A-1' });
        await kernel.transaction(async (tx) => {
          const repo = tx.data<Item>('item', { actor: SYSTEM_ACTOR });
          await expect(repo.create({ name: 'dup', code: 'A-1' })).rejects.toMatchObject({ code: 'CONFLICT' });
          await expect(repo.update(one.id, { qty: 2 })).resolves.toMatchObject({ version: 2 });
          await repo.create({ name: 'three', code: 'C-3' });
        });
        expect(await items(kernel).count()).toBe(2);
        expect(await items(kernel).get(one.id)).toMatchObject({ qty: 2 });
      });
    });

    describe('queries', () => {
      let repo: ReturnType<typeof items>;
      const byName = new Map<string, EntityRecord<Item>>();
      const seed: Item[] = [
        {
          name: 'alpha',
          qty: 1,
          price: 9.5,
          status: 'open',
          owner: 'u1',
          active: true,
          tags: ['vip', 'new'],
          meta: { region: 'eu' },
          amount: { amount: 100, currency: 'EUR' },
        },
        {
          name: 'beta',
          qty: 5,
          price: 20,
          status: 'won',
          owner: 'u2',
          active: false,
          tags: ['new'],
          meta: { region: 'us' },
          amount: { amount: 500, currency: 'EUR' },
        },
        {
          name: 'gamma',
          qty: 10,
          status: 'lost',
          owner: 'u1',
          tags: [],
          amount: { amount: 1000, currency: 'USD' },
        },
        {
          name: 'delta',
          qty: 5,
          price: 0,
          status: 'open',
          owner: 'u3',
          active: true,
          meta: { region: 'eu' },
        },
        { name: 'Epsilon', status: 'won', owner: 'u2', tags: ['vip'] },
        {
          name: 'alphabet',
          qty: -2,
          price: 100.25,
          owner: 'u1',
          active: false,
          amount: { amount: 50, currency: 'EUR' },
        },
      ];
      const names = async (where: Where) =>
        (await repo.find({ where, limit: 100 })).items.map((i) => i.name).sort();

      beforeEach(async () => {
        repo = items(await boot());
        byName.clear();
        for (const item of seed) byName.set(item.name, await repo.create(item));
      });

      it.each([
        ['eq', { status: 'open' }, ['alpha', 'delta']],
        ['eq on zero', { price: 0 }, ['delta']],
        ['eq false', { active: false }, ['alphabet', 'beta']],
        ['eq null matches missing', { qty: null }, ['Epsilon']],
        ['ne matches missing', { status: { ne: 'open' } }, ['Epsilon', 'alphabet', 'beta', 'gamma']],
        ['gt', { qty: { gt: 1 } }, ['beta', 'delta', 'gamma']],
        ['gte', { qty: { gte: 5 } }, ['beta', 'delta', 'gamma']],
        ['lt', { qty: { lt: 5 } }, ['alpha', 'alphabet']],
        ['lte', { qty: { lte: 1 } }, ['alpha', 'alphabet']],
        ['gt on strings is binary', { name: { gt: 'beta' } }, ['delta', 'gamma']],
        ['range', { price: { gte: 0, lt: 20 } }, ['alpha', 'delta']],
        ['in', { status: { in: ['won', 'lost'] } }, ['Epsilon', 'beta', 'gamma']],
        ['nin matches missing', { status: { nin: ['won', 'lost'] } }, ['alpha', 'alphabet', 'delta']],
        ['contains substring', { name: { contains: 'lph' } }, ['alpha', 'alphabet']],
        ['contains is case-sensitive', { name: { contains: 'EPS' } }, []],
        ['contains array element', { tags: { contains: 'vip' } }, ['Epsilon', 'alpha']],
        ['startsWith', { name: { startsWith: 'al' } }, ['alpha', 'alphabet']],
        ['startsWith is case-sensitive', { name: { startsWith: 'E' } }, ['Epsilon']],
        ['exists true', { price: { exists: true } }, ['alpha', 'alphabet', 'beta', 'delta']],
        ['exists false', { active: { exists: false } }, ['Epsilon', 'gamma']],
        ['nested path', { 'meta.region': 'eu' }, ['alpha', 'delta']],
        ['money amount', { 'amount.amount': { gte: 500 } }, ['beta', 'gamma']],
        ['and by several keys', { owner: 'u1', 'amount.currency': 'EUR' }, ['alpha', 'alphabet']],
        ['or', { or: [{ owner: 'u3' }, { status: 'lost' }] }, ['delta', 'gamma']],
        ['not', { not: { owner: 'u1' } }, ['Epsilon', 'beta', 'delta']],
        ['and', { and: [{ owner: 'u1' }, { qty: { gt: 0 } }] }, ['alpha', 'gamma']],
        [
          'nested logic',
          { or: [{ and: [{ status: 'won' }, { qty: { exists: true } }] }, { not: { qty: { gte: -100 } } }] },
          ['Epsilon', 'beta'],
        ],
        ['in with ids', { id: { in: [] } }, []],
      ] as Array<[string, Where, string[]]>)('%s', async (_label, where, expected) => {
        expect(await names(where)).toEqual([...expected].sort());
      });

      it('finds by id list', async () => {
        const ids = [byName.get('alpha')?.id, byName.get('gamma')?.id] as string[];
        expect(await names({ id: { in: ids } })).toEqual(['alpha', 'gamma']);
      });

      it('counts with and without a filter', async () => {
        expect(await repo.count()).toBe(6);
        expect(await repo.count({ owner: 'u1' })).toBe(3);
        expect(await repo.count({ owner: 'nobody' })).toBe(0);
      });

      it('sorts ascending with missing values last and ties broken by id', async () => {
        const { items: rows } = await repo.find({ sort: ['qty'] });
        const [b, d] = [byName.get('beta'), byName.get('delta')] as [EntityRecord<Item>, EntityRecord<Item>];
        const tie = b.id < d.id ? ['beta', 'delta'] : ['delta', 'beta'];
        expect(rows.map((r) => r.name)).toEqual(['alphabet', 'alpha', ...tie, 'gamma', 'Epsilon']);
      });

      it('sorts descending with missing values first', async () => {
        const { items: rows } = await repo.find({ sort: ['-price', 'name'] });
        expect(rows.map((r) => r.name)).toEqual(['Epsilon', 'gamma', 'alphabet', 'beta', 'alpha', 'delta']);
      });

      it('sorts by a nested path and by strings in binary order', async () => {
        expect((await repo.find({ sort: ['amount.amount', 'name'] })).items.map((r) => r.name)).toEqual([
          'alphabet',
          'alpha',
          'beta',
          'gamma',
          'Epsilon',
          'delta',
        ]);
        expect((await repo.find({ sort: ['name'] })).items.map((r) => r.name)).toEqual([
          'Epsilon',
          'alpha',
          'alphabet',
          'beta',
          'delta',
          'gamma',
        ]);
      });

      it('returns only the requested fields, id always included', async () => {
        const { items: rows } = await repo.find({
          where: { name: 'alpha' },
          fields: ['name', 'amount.currency'],
        });
        expect(rows).toEqual([{ id: byName.get('alpha')?.id, name: 'alpha', amount: { currency: 'EUR' } }]);
      });

      it('aggregates with groupBy: count, sum, avg, min, max; missing group last', async () => {
        const rows = await repo.aggregate({
          groupBy: ['status'],
          measures: {
            n: 'count',
            total: 'sum:amount.amount',
            avgQty: 'avg:qty',
            minPrice: 'min:price',
            maxPrice: 'max:price',
          },
        });
        expect(rows).toEqual([
          { status: 'lost', n: 1, total: 1000, avgQty: 10, minPrice: null, maxPrice: null },
          { status: 'open', n: 2, total: 100, avgQty: 3, minPrice: 0, maxPrice: 9.5 },
          { status: 'won', n: 2, total: 500, avgQty: 5, minPrice: 20, maxPrice: 20 },
          { status: null, n: 1, total: 50, avgQty: -2, minPrice: 100.25, maxPrice: 100.25 },
        ]);
      });

      it('aggregates without groupBy, with a filter, and over no rows', async () => {
        expect(await repo.aggregate({ measures: { n: 'count', qty: 'sum:qty' } })).toEqual([
          { n: 6, qty: 19 },
        ]);
        expect(
          await repo.aggregate({
            where: { owner: 'u1' },
            groupBy: ['amount.currency'],
            measures: { n: 'count' },
          }),
        ).toEqual([
          { 'amount.currency': 'EUR', n: 2 },
          { 'amount.currency': 'USD', n: 1 },
        ]);
        expect(
          await repo.aggregate({
            where: { name: 'none' },
            measures: { n: 'count', s: 'sum:qty', a: 'avg:qty', m: 'max:qty' },
          }),
        ).toEqual([{ n: 0, s: 0, a: null, m: null }]);
      });
    });

    describe('percentiles', () => {
      it('answer median and p90 of the numbers, interpolated, per group; null over none', async () => {
        const repo = items(await boot());
        for (const [status, qty] of [
          ['open', 1],
          ['open', 2],
          ['open', 3],
          ['open', 4],
          ['open', 10],
          ['won', 7],
          ['lost', undefined],
        ] as const) {
          await repo.create({ name: `${status}-${qty}`, status, ...(qty === undefined ? {} : { qty }) });
        }
        const rows = await repo.aggregate({
          groupBy: ['status'],
          measures: { mid: 'median:qty', bad: 'p90:qty', n: 'count' },
        });
        expect(rows).toEqual([
          { status: 'lost', mid: null, bad: null, n: 1 },
          // 1 2 3 4 10: the middle value; p90 lies 0.6 of the way from 4 to 10
          { status: 'open', mid: 3, bad: expect.closeTo(7.6, 9), n: 5 },
          { status: 'won', mid: 7, bad: 7, n: 1 },
        ]);
        // an even count interpolates between the two middle values
        const even = await repo.aggregate({ where: { qty: { lte: 4 } }, measures: { mid: 'median:qty' } });
        expect(even).toEqual([{ mid: 2.5 }]);
        await expect(repo.aggregate({ measures: { mid: 'median:name' } })).rejects.toMatchObject({
          code: 'INVALID_QUERY',
        });
      });
    });

    describe('keyset pagination', () => {
      it('pages through every record exactly once, stable under inserts and deletes between pages', async () => {
        const repo = items(await boot());
        for (let i = 0; i < 25; i += 1) await repo.create({ name: `n${i}`, qty: i });
        const seen: number[] = [];
        const first = await repo.find({ sort: ['qty'], limit: 10 });
        seen.push(...first.items.map((r) => r.qty as number));
        expect(first.nextCursor).toBeTypeOf('string');
        await repo.create({ name: 'before', qty: -1 });
        await repo.create({ name: 'after', qty: 100 });
        const nine = first.items[9] as EntityRecord<Item>;
        await repo.delete(nine.id);
        let cursor = first.nextCursor;
        while (cursor) {
          const page = await repo.find({ sort: ['qty'], limit: 10, cursor });
          seen.push(...page.items.map((r) => r.qty as number));
          cursor = page.nextCursor;
        }
        expect(seen).toEqual([...Array.from({ length: 25 }, (_, i) => i), 100]);
      });

      it('pages descending over ties, and rejects a cursor made for another sort', async () => {
        const repo = items(await boot());
        for (let i = 0; i < 7; i += 1) await repo.create({ name: `t${i}`, qty: i % 2 });
        const all: string[] = [];
        let cursor: string | undefined;
        do {
          const page: Awaited<ReturnType<typeof repo.find>> = await repo.find({
            sort: ['-qty'],
            limit: 3,
            ...(cursor ? { cursor } : {}),
          });
          all.push(...page.items.map((r) => r.id));
          cursor = page.nextCursor;
        } while (cursor);
        const full = await repo.find({ sort: ['-qty'], limit: 100 });
        expect(all).toEqual(full.items.map((r) => r.id));
        const page = await repo.find({ sort: ['-qty'], limit: 3 });
        await expect(repo.find({ sort: ['name'], cursor: page.nextCursor as string })).rejects.toMatchObject({
          code: 'INVALID_QUERY',
        });
      });
      it('pages a filtered list sorted on the second field of a compound index, over ties and writes', async () => {
        // The list page shape `where owner = x, sort -qty` on the index ['owner', 'qty']: stores
        // may read it in index order and stop early; the pages must still be the definition's.
        const repo = items(await boot());
        const owners = ['u1', 'u2', 'u3'];
        for (let i = 0; i < 40; i += 1) {
          await repo.create({
            name: `p${i}`,
            owner: owners[i % 3] as string,
            ...(i % 7 === 0 ? {} : { qty: i % 5 }),
          });
        }
        /** u2's ids by qty descending (missing first), ties by ascending id: the definition. */
        const definition = async (): Promise<string[]> =>
          (await repo.find({ limit: 1_000 })).items
            .filter((r) => r.owner === 'u2')
            .sort((a, b) => {
              const [x, y] = [a.qty ?? null, b.qty ?? null];
              if (x !== y) return x === null ? -1 : y === null ? 1 : y - x;
              return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
            })
            .map((r) => r.id);
        const pages = async (): Promise<string[]> => {
          const ids: string[] = [];
          let cursor: string | undefined;
          do {
            const page: Awaited<ReturnType<typeof repo.find>> = await repo.find({
              where: { owner: 'u2' },
              sort: ['-qty'],
              limit: 4,
              ...(cursor ? { cursor } : {}),
            });
            ids.push(...page.items.map((r) => r.id));
            cursor = page.nextCursor;
          } while (cursor);
          return ids;
        };
        const before = await definition();
        expect(before.length).toBeGreaterThan(8);
        expect(await pages()).toEqual(before);
        await repo.update(before[0] as string, { owner: 'u1' });
        await repo.update(before[5] as string, { qty: 9 });
        await repo.delete(before[7] as string);
        await repo.create({ name: 'late', owner: 'u2', qty: 3 });
        const after = await definition();
        expect(after).not.toEqual(before);
        expect(await pages()).toEqual(after);
      });
    });

    describe('transactions', () => {
      it('rolls a create back when an after-hook throws: no record, no audit, no event', async () => {
        const kernel = await boot();
        const repo = items(kernel);
        await expect(repo.create({ name: EXPLODE, tags: ['noted'] })).rejects.toThrow('afterCreate refused');
        expect(await repo.count()).toBe(0);
        expect((await kernel.audit({ where: { entity: 'item' } }, { actor: admin })).items).toHaveLength(0);
        await kernel.events.drain();
        expect(await kernel.data('note', { actor: admin }).count()).toBe(0);
      });

      it('rolls an update and a delete back when an after-hook throws', async () => {
        const repo = items(await boot());
        const record = await repo.create({ name: 'keep', tags: [EXPLODE] });
        await expect(repo.update(record.id, { name: EXPLODE })).rejects.toThrow('afterUpdate refused');
        expect(await repo.get(record.id)).toEqual(record);
        await expect(repo.delete(record.id)).rejects.toThrow('afterDelete refused');
        expect(await repo.get(record.id)).toEqual(record);
      });

      it('leaves nothing of a multi-repository transaction that throws half-way', async () => {
        const kernel = await boot();
        await expect(
          kernel.transaction(async (tx) => {
            const item = await tx.data<Item>('item', { actor: admin }).create({ name: 'parent' });
            await tx.data('note', { actor: admin }).create({ itemId: item.id, text: 'child' });
            expect(await tx.data('item', { actor: admin }).count()).toBe(1); // reads see own writes
            throw new Error('half-way');
          }),
        ).rejects.toThrow('half-way');
        expect(await items(kernel).count()).toBe(0);
        expect(await kernel.data('note', { actor: admin }).count()).toBe(0);
        expect((await kernel.audit({}, { actor: admin })).items).toHaveLength(0);
      });

      it('commits a multi-repository transaction whole', async () => {
        const kernel = await boot();
        const id = await kernel.transaction(async (tx) => {
          const item = await tx.data<Item>('item', { actor: admin }).create({ name: 'parent' });
          await tx.data('note', { actor: admin }).create({ itemId: item.id, text: 'child' });
          return item.id;
        });
        expect(await kernel.data('note', { actor: admin }).count({ itemId: id })).toBe(1);
      });

      it(`loses no update with ${writers} concurrent read-increment-write clients`, async () => {
        const repo = items(await boot());
        const record = await repo.create({ name: 'counter', counter: 0 });
        let conflicts = 0;
        const client = async () => {
          for (;;) {
            const current = await repo.get(record.id);
            try {
              await repo.update(
                record.id,
                { counter: (current.counter ?? 0) + 1 },
                { expectedVersion: current.version },
              );
              return;
            } catch (error) {
              if (!(error instanceof RapportError) || error.code !== 'CONFLICT') throw error;
              conflicts += 1;
            }
          }
        };
        await Promise.all(Array.from({ length: writers }, client));
        const final = await repo.get(record.id);
        expect(final.counter).toBe(writers);
        expect(final.version).toBe(writers + 1);
        expect(conflicts).toBeGreaterThanOrEqual(0);
      });

      it('serializes concurrent transactions that read then write the same record', async () => {
        const kernel = await boot();
        const record = await items(kernel).create({ name: 'tx-counter', counter: 0 });
        const increment = async (): Promise<void> => {
          try {
            await kernel.transaction(async (tx) => {
              const repo = tx.data<Item>('item', { actor: admin });
              const current = await repo.get(record.id);
              await repo.update(
                record.id,
                { counter: (current.counter ?? 0) + 1 },
                { expectedVersion: current.version },
              );
            });
          } catch (error) {
            if (error instanceof RapportError && error.code === 'CONFLICT') return increment();
            throw error;
          }
        };
        await Promise.all(Array.from({ length: 20 }, increment));
        expect((await items(kernel).get(record.id)).counter).toBe(20);
      });

      it('serves reads during an open transaction without its uncommitted writes (stores with read)', async (context) => {
        const kernel = await boot();
        if (!kernel.store.read) context.skip();
        const before = await items(kernel).create({ name: 'committed', counter: 1 });
        let open!: () => void;
        const gate = new Promise<void>((resolve) => {
          open = resolve;
        });
        let created: string | undefined;
        const writing = kernel.transaction(async (tx) => {
          const repo = tx.data<Item>('item', { actor: admin });
          created = (await repo.create({ name: 'pending', counter: 2 })).id;
          await repo.update(before.id, { counter: 99 }, { expectedVersion: 1 });
          await gate;
        });
        while (!created) await new Promise((resolve) => setTimeout(resolve, 1));
        // The transaction holds its writes until it commits: a read neither waits for it nor sees them.
        expect((await items(kernel).get(before.id)).counter).toBe(1);
        expect((await items(kernel).find({ where: { name: 'pending' } })).items).toHaveLength(0);
        await expect(items(kernel).get(created)).rejects.toMatchObject({ code: 'NOT_FOUND' });
        open();
        await writing;
        expect((await items(kernel).get(before.id)).counter).toBe(99);
        expect((await items(kernel).get(created)).name).toBe('pending');
      });

      it('refuses writes inside a store read with INVALID and keeps nothing (stores with read)', async (context) => {
        const kernel = await boot();
        const read = kernel.store.read?.bind(kernel.store);
        if (!read) return context.skip();
        const record = {
          id: 'read-only-1',
          name: 'nope',
          createdAt: '2026-05-01T00:00:00Z',
          updatedAt: '2026-05-01T00:00:00Z',
          version: 1,
        };
        await expect(read((tx) => tx.insert('item', record))).rejects.toMatchObject({ code: 'INVALID' });
        expect(await items(kernel).count()).toBe(0);
      });
    });

    describe('link tokens and the server secret', () => {
      it('lets exactly one of 20 concurrent uses of a single-use link token through', async () => {
        const first = await boot();
        // Multi-process stores race two kernels (two processes) on the one store.
        const second = first.store.capabilities.multiProcess ? await boot() : first;
        const { token } = await first.resolve(LINKS).issue({ purpose: ONCE_PURPOSE, recordId: 'race' });
        const uses = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            (i % 2 === 0 ? first : second).resolve(LINKS).consume(token, { purpose: ONCE_PURPOSE }),
          ),
        );
        expect(uses.filter(Boolean)).toHaveLength(1);
        expect(await second.resolve(LINKS).verify(token, { purpose: ONCE_PURPOSE })).toBeUndefined();
      });

      it('keeps the generated server secret across a restart', async () => {
        const first = await boot();
        const keys = first.resolve(SERVER_SECRET).keys();
        const { token } = await first.resolve(LINKS).issue({ purpose: ONCE_PURPOSE, recordId: 'kept' });
        await first.stop();
        const second = await boot();
        expect(second.resolve(SERVER_SECRET).keys()).toEqual(keys);
        expect(await second.resolve(LINKS).consume(token, { purpose: ONCE_PURPOSE })).toBeDefined();
      });

      it('ends a first-start race of processes with one server secret (multi-process stores)', async (context) => {
        const probe = location.create();
        if (!probe.capabilities.multiProcess) {
          await probe.close().catch(() => undefined);
          return context.skip();
        }
        const started = await Promise.all([boot({ store: probe }), boot(), boot(), boot()]);
        const keys = started.map((kernel) => kernel.resolve(SERVER_SECRET).keys());
        for (const each of keys) expect(each).toEqual(keys[0]);
        const [issuer, , , verifier] = started as [Kernel, Kernel, Kernel, Kernel];
        const { token } = await issuer.resolve(LINKS).issue({ purpose: ONCE_PURPOSE, recordId: 'shared' });
        expect(await verifier.resolve(LINKS).verify(token, { purpose: ONCE_PURPOSE })).toBeDefined();
      });
    });

    describe('idempotency keys', () => {
      it('makes exactly one write of 16 concurrent uses of one key, and replays it to the others', async () => {
        const first = await boot();
        const second = first.store.capabilities.multiProcess ? await boot() : first;
        const request = { scope: 'key:race', key: 'order-1', fingerprint: 'f1', ttlMs: 86_400_000 };
        const answers = await Promise.all(
          Array.from({ length: 16 }, (_, i) => {
            const kernel = i % 2 === 0 ? first : second;
            return kernel.resolve(IDEMPOTENCY).once(request, async () => {
              const item = await items(kernel).create({ name: 'idempotent' });
              return { keep: true, result: { id: item.id } };
            });
          }),
        );
        expect(await items(first).count({ name: 'idempotent' })).toBe(1);
        expect(answers.filter((answer) => !answer.replayed)).toHaveLength(1);
        expect(new Set(answers.map((answer) => answer.result.id)).size).toBe(1);
        await expect(
          second
            .resolve(IDEMPOTENCY)
            .once({ ...request, fingerprint: 'f2' }, async () => ({ keep: true, result: {} })),
        ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      });

      it('keeps nothing of work it is told not to keep, so the key can be used again', async () => {
        const kernel = await boot();
        const request = { scope: 'key:discard', key: 'k', fingerprint: 'f', ttlMs: 60_000 };
        const failed = await kernel.resolve(IDEMPOTENCY).once(request, async () => {
          await items(kernel).create({ name: 'rolled-back' });
          return { keep: false, result: 'refused' };
        });
        expect(failed).toEqual({ replayed: false, result: 'refused' });
        expect(await items(kernel).count({ name: 'rolled-back' })).toBe(0);
        const retried = await kernel
          .resolve(IDEMPOTENCY)
          .once(request, async () => ({ keep: true, result: 'done' }));
        expect(retried).toEqual({ replayed: false, result: 'done' });
      });
    });

    describe('durability of the data API', () => {
      it('keeps records after close and reopen', async () => {
        const first = await boot();
        const record = await items(first).create({
          name: 'persisted',
          amount: { amount: 1, currency: 'EUR' },
        });
        await first.stop();
        const second = await boot();
        expect(await items(second).get(record.id)).toEqual(record);
        expect((await second.audit({ where: { recordId: record.id } }, { actor: admin })).items).toHaveLength(
          1,
        );
      });

      it(`keeps a record nested ${MAX_JSON_DEPTH} levels deep, with its audit and its event, after reopen`, async () => {
        // The record is level 1 and `details` level 2: 62 wrappers around the innermost object
        // put it at level 64, the deepest the data API lets in.
        const nested = (leaf: string) => {
          let details: Record<string, unknown> = { leaf };
          for (let level = MAX_JSON_DEPTH; level > 2; level -= 1) details = { next: details };
          return details;
        };
        const first = await boot();
        const created = await items(first).create({
          name: 'deep',
          tags: ['noted'],
          details: nested('first'),
        });
        expect(jsonDepthExcess(created)).toBeUndefined();
        expect(jsonDepthExcess(created, MAX_JSON_DEPTH - 1)?.path).toHaveLength(MAX_JSON_DEPTH - 1);
        const updated = await items(first).update(created.id, { details: nested('second') });
        await expect(
          items(first).update(created.id, { details: { one: nested('more') } }),
        ).rejects.toMatchObject({
          code: 'VALIDATION_FAILED',
          errors: [{ path: 'details', rule: 'maxDepth' }],
        });
        await first.events.drain();
        await first.stop();
        const second = await boot();
        expect(await items(second).get(created.id)).toEqual(updated);
        expect(JSON.parse((await items(second).getJson(created.id)).json)).toEqual(updated);
        const audit = await second.audit({ where: { recordId: created.id } }, { actor: admin });
        const update = audit.items.find((entry) => entry.action === 'update');
        expect(audit.items).toHaveLength(2);
        expect(update?.changes.details).toEqual({ from: created.details, to: updated.details });
        expect(await second.data('note', { actor: admin }).count({ itemId: created.id })).toBe(1);
      });

      it('delivers an event committed before a crash, once, after reopen', async () => {
        const crashed = await boot({ outbox: { autoDispatch: false } });
        const record = await items(crashed).create({ name: 'noted', tags: ['noted'] });
        expect(await crashed.data('note', { actor: SYSTEM_ACTOR }).count()).toBe(0);
        await crashed.stop(); // dispatch never ran: as if the process died right after commit
        const recovered = await boot();
        await recovered.events.drain();
        expect(await recovered.data('note', { actor: admin }).count({ itemId: record.id })).toBe(1);
        await recovered.stop();
        const again = await boot();
        await again.events.drain();
        expect(await again.data('note', { actor: admin }).count({ itemId: record.id })).toBe(1);
      });
    });
  });
}
