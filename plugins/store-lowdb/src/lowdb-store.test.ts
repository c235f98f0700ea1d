import { readdir } from 'node:fs/promises';
import { type CollectionSpec, type StoredRecord, StoreError } from '@rapport/core';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type LowdbStore, lowdbStore } from './lowdb-store.js';
import { FaultyFs } from './test-support/faulty-fs.js';
import { customer, dumpStore, TEST_SCHEMA } from './test-support/fixtures.js';
import { memoryLogger } from './test-support/memory-logger.js';
import { removeDir, tempDir } from './test-support/temp-dir.js';

const dirs: string[] = [];
const stores: LowdbStore[] = [];
async function openStore(options: Partial<Parameters<typeof lowdbStore>[0]> = {}) {
  const dir = options.dir ?? (await tempDir());
  dirs.push(dir);
  const store = lowdbStore({ logger: memoryLogger(), ...options, dir });
  stores.push(store);
  await store.open(TEST_SCHEMA);
  return store;
}
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close().catch(() => undefined);
  await Promise.all(dirs.splice(0).map(removeDir));
});
const create = (store: LowdbStore, record: StoredRecord) =>
  store.transaction((tx) => tx.insert('customer', record));

describe('lowdb store', () => {
  it('accepts the kernel logger (pino)', async () => {
    const store = await openStore({ logger: pino({ level: 'silent' }) });
    await store.ping();
  });

  it('shares one fdatasync among concurrent transactions (group commit)', async () => {
    const fs = new FaultyFs();
    const store = await openStore({ fs });
    fs.arm();
    await Promise.all(Array.from({ length: 64 }, (_, i) => create(store, customer(`g${i}`))));
    const syncs = fs.trace.filter((call) => call.startsWith('datasync')).length;
    expect(syncs).toBeGreaterThanOrEqual(1);
    expect(syncs).toBeLessThan(16);
    expect(await store.transaction((tx) => tx.count('customer'))).toBe(64);
  });

  it('answers a read only once what it saw is durable', async () => {
    const fs = new FaultyFs();
    const store = await openStore({ fs });
    const gate = fs.pause(/^datasync /);
    const write = create(store, customer('slow'));
    await gate.reached;
    let answered = false;
    const read = store
      .transaction((tx) => tx.get('customer', 'slow'))
      .then((record) => {
        answered = true;
        return record;
      });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toBe(false);
    gate.release();
    expect(await read).toMatchObject({ id: 'slow' });
    await write;
  });

  it('stops serving after a failed fsync: the batch is rejected, nothing is acknowledged, reopen shows the truth', async () => {
    const fs = new FaultyFs();
    const logger = memoryLogger();
    const store = await openStore({ fs, logger });
    await create(store, customer('kept'));
    const gate = fs.pause(/^datasync /);
    const first = create(store, customer('lost1'));
    await gate.reached;
    const second = create(store, customer('lost2')); // queued behind the failing batch
    fs.arm({ failAt: 1, mode: 'once' }); // the held datasync is the first call counted: it fails
    gate.release();
    await expect(first).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      cause: expect.objectContaining({ code: 'EIO' }),
    });
    await expect(second).rejects.toBeInstanceOf(StoreError);
    await expect(store.transaction((tx) => tx.get('customer', 'kept'))).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('stopped after a failed journal write'),
    });
    await expect(store.ping()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(store.stats().failed).toBe(true);
    expect(logger.lines.some((line) => line.level === 'error')).toBe(true);
    await store.close();
    const reopened = await openStore({ dir: store.dir });
    expect((await dumpStore(reopened)).customer?.map((r) => r.id)).toEqual(['kept']); // the failed batch was cut off
  });

  it('opens idempotently: new collections appear, new indexes are built, data stays', async () => {
    const store = await openStore();
    await create(store, customer('a', { segment: 'A', code: 'X' }));
    await create(store, customer('b', { segment: 'A', code: 'X' }));
    const extra: CollectionSpec = { name: 'extra', schema: { type: 'object', properties: {} }, indexes: [] };
    await store.open({
      collections: [...TEST_SCHEMA.collections, extra].map((c) =>
        c.name === 'customer' ? { ...c, indexes: [...c.indexes, { fields: ['segment', 'name'] }] } : c,
      ),
    });
    await store.transaction((tx) => tx.insert('extra', customer('e1')));
    expect(
      await store.transaction((tx) =>
        tx.count('customer', { kind: 'cmp', field: 'segment', op: 'eq', value: 'A' }),
      ),
    ).toBe(2);
    const unique = {
      ...TEST_SCHEMA,
      collections: TEST_SCHEMA.collections.map((c) =>
        c.name === 'customer' ? { ...c, indexes: [{ fields: ['code'], unique: true }] } : c,
      ),
    };
    await expect(store.open(unique)).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { fields: ['code'] },
    });
    await expect(create(store, customer('c', { email: 'a@example.com' }))).rejects.toMatchObject({
      code: 'CONFLICT', // the old unique index on email still holds
    });
    expect(await store.transaction((tx) => tx.count('customer'))).toBe(2);
  });

  it('refuses what it cannot store faithfully, and unknown collections, with INVALID', async () => {
    const store = await openStore();
    await expect(create(store, customer('d', { born: new Date() }))).rejects.toMatchObject({
      code: 'INVALID',
    });
    await expect(create(store, { ...customer('x'), id: '' })).rejects.toMatchObject({ code: 'INVALID' });
    await expect(store.transaction((tx) => tx.get('nope', 'x'))).rejects.toMatchObject({
      code: 'INVALID',
      message: expect.stringContaining("unknown collection 'nope'"),
    });
    expect(await store.transaction((tx) => tx.count('customer'))).toBe(0);
  });

  it('copies records in and out', async () => {
    const store = await openStore();
    const record = customer('m', { tags: ['a'] });
    await create(store, record);
    (record.tags as string[]).push('mutated');
    const read = (await store.transaction((tx) => tx.get('customer', 'm'))) as StoredRecord;
    expect(read.tags).toEqual(['a']);
    (read.tags as string[]).push('mutated');
    expect((await store.transaction((tx) => tx.get('customer', 'm')))?.tags).toEqual(['a']);
  });

  it('is UNAVAILABLE before open and after close; lets admitted transactions finish on close', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const store = lowdbStore({ dir, logger: memoryLogger() });
    await expect(store.transaction(async () => 1)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('not open yet'),
    });
    await store.open(TEST_SCHEMA);
    const admitted = store.transaction(async (tx) => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      await tx.insert('customer', customer('late'));
      return 'done';
    });
    const closing = store.close();
    await expect(store.transaction(async () => 1)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('closed'),
    });
    expect(await admitted).toBe('done');
    await closing;
    await store.close();
    await expect(store.open(TEST_SCHEMA)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const reopened = await openStore({ dir });
    expect((await dumpStore(reopened)).customer?.map((r) => r.id)).toEqual(['late']);
  });

  it('closes cleanly when close() is called while the first open is still loading', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const store = lowdbStore({ dir, logger: memoryLogger() });
    const opening = store.open(TEST_SCHEMA);
    const closing = store.close();
    await opening.catch(() => undefined);
    await closing;
    await expect(store.transaction(async () => 1)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const next = await openStore({ dir }); // the lock was released
    await next.ping();
  });

  it('compacts in the background past the threshold and keeps one journal', async () => {
    const store = await openStore({ compactAfterEntries: 10 });
    for (let i = 0; i < 25; i += 1) await create(store, customer(`b${i}`));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stats = store.stats();
    expect(stats.compactions).toBeGreaterThanOrEqual(2);
    expect(stats.journalEntries).toBeLessThan(10);
    expect(stats.seq).toBe(25);
    const files = await readdir(store.dir);
    expect(files.filter((name) => name.startsWith('journal-'))).toHaveLength(1);
    expect(files).toContain('snapshot.json');
    await store.close();
    const reopened = await openStore({ dir: store.dir });
    expect(reopened.stats()).toMatchObject({ seq: 25, snapshotSeq: 25, journalEntries: 0 });
  });
});
