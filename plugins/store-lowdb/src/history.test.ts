import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoredRecord, StoreSchema, StoreTx, WhereNode } from '@rapport/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type LowdbStore, lowdbStore } from './lowdb-store.js';
import { FaultyFs } from './test-support/faulty-fs.js';
import { event } from './test-support/fixtures.js';
import { memoryLogger } from './test-support/memory-logger.js';
import { removeDir, tempDir } from './test-support/temp-dir.js';

const indexes = [{ fields: ['customerId'] }, { fields: ['ref'], unique: true }, { fields: ['kind', 'at'] }];
/** The same records in a history collection and in an ordinary one, to compare their answers. */
const schema = (history = true): StoreSchema => ({
  collections: [
    { name: 'log', schema: { type: 'object', properties: {} }, indexes, history },
    { name: 'plain', schema: { type: 'object', properties: {} }, indexes },
  ],
});

const dirs: string[] = [];
const stores: LowdbStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close().catch(() => undefined);
  await Promise.all(dirs.splice(0).map(removeDir));
});
async function newDir(): Promise<string> {
  const dir = await tempDir('rapport-lowdb-history-');
  dirs.push(dir);
  return dir;
}
async function open(dir: string, options: Partial<Parameters<typeof lowdbStore>[0]> = {}, history = true) {
  const store = lowdbStore({ dir, logger: memoryLogger(), historyInMemory: 5, ...options });
  stores.push(store);
  await store.open(schema(history));
  return store;
}

const KINDS = ['call', 'mail', 'visit'];
const entry = (i: number) =>
  event(`e${String(i).padStart(4, '0')}`, `c${i % 7}`, {
    kind: KINDS[i % 3],
    at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    amount: i % 11,
  });
/** Writes `count` entries from `from` into both collections, ten per transaction. */
async function writeBoth(store: LowdbStore, from: number, count: number): Promise<void> {
  for (let start = from; start < from + count; start += 10) {
    await store.transaction(async (tx) => {
      for (let i = start; i < Math.min(from + count, start + 10); i += 1) {
        await tx.insert('log', entry(i));
        await tx.insert('plain', entry(i));
      }
    });
  }
}

const eq = (field: string, value: unknown): WhereNode =>
  ({ kind: 'cmp', field, op: 'eq', value }) as WhereNode;
const WHERES: (WhereNode | undefined)[] = [
  undefined,
  eq('customerId', 'c3'),
  eq('ref', 'ref-e0042'),
  {
    kind: 'and',
    items: [eq('kind', 'mail'), { kind: 'cmp', field: 'at', op: 'gte', value: '2026-01-01T02:00:00.000Z' }],
  },
  { kind: 'cmp', field: 'amount', op: 'gt', value: 7 },
  { kind: 'or', items: [eq('customerId', 'c1'), eq('kind', 'visit')] },
];

/** Every query form, asked of both collections in the same transaction: the answers must match. */
async function sameAnswers(tx: StoreTx, context: string): Promise<void> {
  for (const where of WHERES) {
    const label = `${context}: ${JSON.stringify(where)}`;
    for (const sort of [
      [{ field: 'id', direction: 'asc' as const }],
      [{ field: 'at', direction: 'desc' as const }],
    ]) {
      const query = { ...(where ? { where } : {}), sort, limit: 7 };
      const fromLog = await tx.find('log', query);
      expect(fromLog, label).toEqual(await tx.find('plain', query));
      const last = fromLog[fromLog.length - 1];
      if (last && sort[0]?.field === 'id') {
        const after = { ...query, after: [last.id] };
        expect(await tx.find('log', after), `${label} after`).toEqual(await tx.find('plain', after));
      }
    }
    expect(await tx.count('log', where), label).toBe(await tx.count('plain', where));
    const aggregate = {
      ...(where ? { where } : {}),
      groupBy: ['customerId'],
      measures: [
        { name: 'n', fn: 'count' as const },
        { name: 'total', fn: 'sum' as const, field: 'amount' },
      ],
    };
    expect(await tx.aggregate('log', aggregate), label).toEqual(await tx.aggregate('plain', aggregate));
  }
  for (const id of ['e0000', 'e0013', 'e0149', 'nope']) {
    expect(await tx.get('log', id), `${context}: get ${id}`).toEqual(await tx.get('plain', id));
  }
}

describe('history collections', () => {
  it('keep only the most recent records in memory, and answer every query like an ordinary collection', async () => {
    const store = await open(await newDir());
    await writeBoth(store, 0, 100);
    await store.compact(); // these go to a segment
    await writeBoth(store, 100, 50); // these stay in the journal
    const stats = store.stats();
    expect(stats.history.records).toBe(150);
    expect(stats.history.inMemory).toBeLessThanOrEqual(5);
    expect(stats.history.segments).toBe(1);
    await store.read?.((tx) => sameAnswers(tx, 'read'));
    await store.transaction((tx) => sameAnswers(tx, 'transaction'));
    // Pending writes of a transaction, to records on disk among them.
    await store
      .transaction(async (tx) => {
        for (const name of ['log', 'plain']) {
          await tx.insert(name, entry(500));
          const old = (await tx.get(name, 'e0013')) as StoredRecord;
          await tx.update(name, { ...old, kind: 'visit', amount: 99, version: 2 }, 1);
          await tx.delete(name, 'e0042', 1);
          await tx.delete(name, 'e0120', 1);
        }
        await sameAnswers(tx, 'pending writes');
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
    await store.transaction((tx) => sameAnswers(tx, 'after the rollback'));
  });

  it('page through in id order like an ordinary collection, reading only the records of each page', async () => {
    const fs = new FaultyFs();
    const store = await open(await newDir(), { fs, historyInMemory: 0 });
    await writeBoth(store, 0, 2_500);
    await store.compact();
    for (const direction of ['asc', 'desc'] as const) {
      for (const where of [undefined, { kind: 'cmp', field: 'amount', op: 'lt', value: 3 } as WhereNode]) {
        const pages = { log: [] as string[], plain: [] as string[] };
        for (const name of ['log', 'plain'] as const) {
          let after: string | undefined;
          for (;;) {
            const page = await store.transaction((tx) =>
              tx.find(name, {
                ...(where ? { where } : {}),
                sort: [{ field: 'id', direction }],
                limit: 100,
                ...(after ? { after: [after] } : {}),
              }),
            );
            pages[name].push(...page.map((record) => record.id));
            if (page.length < 100) break;
            after = page[page.length - 1]?.id;
          }
        }
        expect(pages.log, `${direction} ${JSON.stringify(where)}`).toEqual(pages.plain);
        expect(pages.log.length).toBe(where ? 684 : 2_500);
      }
    }
    fs.arm();
    await store.transaction((tx) =>
      tx.find('log', { sort: [{ field: 'id', direction: 'asc' }], limit: 100, after: ['e1200'] }),
    );
    const read = fs.trace.filter((call) => call.startsWith('pread')).length;
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThanOrEqual(2); // a window or two around the page's records, not the 2,500 records
  });

  it('update and delete records on disk, keep their unique index, and reopen to the same state', async () => {
    const dir = await newDir();
    let store = await open(dir, { historyInMemory: 0 });
    await writeBoth(store, 0, 60);
    await store.compact();
    await store.transaction(async (tx) => {
      for (const name of ['log', 'plain']) {
        const old = (await tx.get(name, 'e0005')) as StoredRecord;
        await tx.update(name, { ...old, ref: 'ref-new', version: 2 }, 1);
        await tx.delete(name, 'e0006', 1);
      }
    });
    await expect(
      store.transaction((tx) => tx.insert('log', { ...entry(900), ref: 'ref-new' })),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { conflictingId: 'e0005' },
    });
    await store.transaction((tx) => tx.insert('log', { ...entry(901), ref: 'ref-e0005' })); // freed by the update
    await store.transaction((tx) => tx.insert('plain', { ...entry(901), ref: 'ref-e0005' }));
    await store.transaction((tx) => sameAnswers(tx, 'before reopening'));
    await store.close();
    store = await open(dir, { historyInMemory: 0 });
    await store.transaction((tx) => sameAnswers(tx, 'reopened'));
    expect(store.stats().history).toMatchObject({ records: 60, inMemory: 0 });
  });

  it('reopen after a crash from the segments and the journal', async () => {
    const live = await newDir();
    const store = await open(live);
    await writeBoth(store, 0, 80);
    await store.compact();
    await writeBoth(store, 80, 40);
    await store.transaction(async (tx) => {
      for (const name of ['log', 'plain']) await tx.delete(name, 'e0010', 1);
    });
    const image = await newDir();
    await cp(live, image, { recursive: true }); // the files a crash would leave
    const reopened = await open(image);
    await reopened.transaction((tx) => sameAnswers(tx, 'after a crash'));
    expect(reopened.stats().history.records).toBe(119);
  });

  it('merge segments whose records are mostly dead, and leave no file a snapshot does not name', async () => {
    const dir = await newDir();
    const store = await open(dir, { historyInMemory: 0 });
    const segmentFiles = async () =>
      (await readdir(dir)).filter((name) => name.startsWith('history-')).sort();
    for (let round = 0; round < 3; round += 1) {
      await writeBoth(store, round * 20, 20);
      await store.compact();
    }
    expect(store.stats().history.segments).toBe(3);
    expect(await segmentFiles()).toHaveLength(3);
    await store.transaction(async (tx) => {
      for (let i = 0; i < 40; i += 1) {
        const id = entry(i).id;
        for (const name of ['log', 'plain']) await tx.delete(name, id, 1);
      }
    });
    await store.compact(); // 40 of 60 segment records dead: one merged segment
    expect(store.stats().history.segments).toBe(1);
    expect(await segmentFiles()).toHaveLength(1);
    await store.transaction((tx) => sameAnswers(tx, 'after the merge'));
    await store.close();
    const again = await open(dir);
    await again.transaction((tx) => sameAnswers(tx, 'reopened after the merge'));
  });

  it('merge once there are too many segments', async () => {
    const store = await open(await newDir());
    for (let round = 0; round < 9; round += 1) {
      await writeBoth(store, round * 10, 10);
      await store.compact();
    }
    expect(store.stats().history.segments).toBeLessThan(8);
    await store.transaction((tx) => sameAnswers(tx, 'after merging many'));
  });

  it('move a collection out of memory when it becomes history, and back when it stops being one', async () => {
    const dir = await newDir();
    let store = await open(dir, {}, false);
    await writeBoth(store, 0, 50);
    await store.close();
    store = await open(dir, {}, true);
    await store.compact();
    expect(store.stats().history).toMatchObject({ records: 50, segments: 1 });
    expect(store.stats().history.inMemory).toBeLessThanOrEqual(5);
    await store.transaction((tx) => sameAnswers(tx, 'now history'));
    await store.close();
    store = await open(dir, {}, false);
    expect(store.stats().history.records).toBe(0);
    await store.transaction((tx) => sameAnswers(tx, 'ordinary again'));
    await store.close();
    expect((await readdir(dir)).filter((name) => name.startsWith('history-'))).toEqual([]);
    store = await open(dir, {}, false);
    await store.transaction((tx) => sameAnswers(tx, 'ordinary, reopened'));
  });

  it('answer a read in flight while a compaction moves its record to a new segment', async () => {
    const fs = new FaultyFs();
    const store = await open(await newDir(), { fs, historyInMemory: 0 });
    await writeBoth(store, 0, 20);
    const gate = fs.pause(/^pread .*journal-000001\.log$/);
    const read = store.transaction((tx) => tx.get('log', 'e0003'));
    await gate.reached;
    await store.compact(); // moves e0003 to history-000002.log and deletes journal-000001.log
    gate.release();
    expect(await read).toEqual(entry(3));
    expect(await store.transaction((tx) => tx.get('log', 'e0003'))).toEqual(entry(3));
  });

  it('refuse to open a damaged segment, and remove a segment no snapshot names', async () => {
    const dir = await newDir();
    const store = await open(dir);
    await writeBoth(store, 0, 20);
    await store.close();
    const [segment] = (await readdir(dir)).filter((name) => name.startsWith('history-'));
    const path = join(dir, segment as string);
    const bytes = await readFile(path);
    await writeFile(join(dir, 'history-000099.log'), bytes); // as a crash during a compaction leaves it
    const damaged = Buffer.from(bytes);
    damaged[damaged.indexOf('e0007') + 1] = 'x'.charCodeAt(0);
    await writeFile(path, damaged);
    const broken = lowdbStore({ dir, logger: memoryLogger() });
    await expect(broken.open(schema())).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('history segment'),
    });
    await writeFile(path, bytes);
    const fine = await open(dir);
    await fine.transaction((tx) => sameAnswers(tx, 'repaired'));
    expect(await readdir(dir)).not.toContain('history-000099.log');
  });
});
