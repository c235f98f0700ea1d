import { appendFile, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type LowdbStore, lowdbStore } from './lowdb-store.js';
import { crashImage, journalsOf } from './test-support/crash-image.js';
import { customer, dumpStore, TEST_SCHEMA } from './test-support/fixtures.js';
import { memoryLogger } from './test-support/memory-logger.js';
import { removeDir } from './test-support/temp-dir.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map(removeDir));
});

const fiveCreates = async (store: LowdbStore) => {
  for (let i = 1; i <= 5; i += 1) await store.transaction((tx) => tx.insert('customer', customer(`c${i}`)));
};

async function image(writes = fiveCreates): Promise<{ dir: string; journal: string }> {
  const dir = await crashImage(writes);
  dirs.push(dir);
  const journal = (await journalsOf(dir)).at(-1) as string;
  return { dir, journal };
}

async function reopen(dir: string) {
  const logger = memoryLogger();
  const store = lowdbStore({ dir, logger });
  await store.open(TEST_SCHEMA);
  const ids = (await dumpStore(store)).customer?.map((record) => record.id);
  return { store, logger, ids };
}

describe('torn and damaged journals', () => {
  it('drops a record cut mid-line, logs where, keeps every earlier transaction, and appends after it', async () => {
    const { dir, journal } = await image();
    const size = (await readFile(journal)).length;
    await truncate(journal, size - 10);
    const { store, logger, ids } = await reopen(dir);
    expect(ids).toEqual(['c1', 'c2', 'c3', 'c4']);
    const warning = logger.lines.find((line) => line.message.includes('torn record'));
    expect(warning).toMatchObject({
      level: 'warn',
      details: { reason: expect.stringContaining('cut short') },
    });
    expect(warning?.details.offset).toBeGreaterThan(0);
    expect((await readFile(journal)).length).toBe(warning?.details.offset); // cut off on disk
    await store.transaction((tx) => tx.insert('customer', customer('c6')));
    await store.close();
    const again = await reopen(dir);
    expect(again.ids).toEqual(['c1', 'c2', 'c3', 'c4', 'c6']);
    expect(again.logger.lines.filter((line) => line.level !== 'info')).toEqual([]);
    await again.store.close();
  });

  it('drops garbage appended after the last record', async () => {
    const { dir, journal } = await image();
    await appendFile(journal, Buffer.from([0x00, 0x00, 0xff, 0x31, 0x32]));
    const { store, logger, ids } = await reopen(dir);
    expect(ids).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(logger.lines.some((line) => line.message.includes('torn record'))).toBe(true);
    await store.close();
  });

  it('drops a record whose checksum fails, keeping a copy of everything dropped when intact records follow', async () => {
    const { dir, journal } = await image();
    const bytes = await readFile(journal);
    const lines = bytes.toString('utf8').split('\n');
    const third = lines.slice(0, 2).join('\n').length + 1;
    const damagedAt = third + (lines[2]?.indexOf('c3') ?? 0);
    bytes[damagedAt] = 'x'.charCodeAt(0); // a flipped byte inside the third record
    await writeFile(journal, bytes);
    const { store, logger, ids } = await reopen(dir);
    expect(ids).toEqual(['c1', 'c2']);
    const error = logger.lines.find((line) => line.level === 'error');
    expect(error?.details).toMatchObject({
      offset: third,
      reason: 'record checksum mismatch',
      intactRecordsDropped: 2,
    });
    const aside = (await readdir(dir)).find((name) => name.includes('.damaged-'));
    expect(aside).toBe(`${journal.split('/').at(-1)}.damaged-${third}`);
    expect(await readFile(join(dir, aside as string))).toEqual(bytes.subarray(third));
    await store.close();
  });

  it('refuses to open when a damaged journal is followed by a journal holding transactions', async () => {
    const { dir } = await image(async (store) => {
      await fiveCreates(store);
      await store.compact(); // journal 2 starts here; keep journal 1 around by restoring it below
      await store.transaction((tx) => tx.insert('customer', customer('c6')));
    });
    const [first, second] = await journalsOf(dir);
    expect(first).toBeDefined();
    expect(second).toBeUndefined(); // compaction removed journal 1; make a damaged one in front
    await writeFile(join(dir, 'journal-000000.log'), '12 00000000 {"seq":1,"op');
    await expect(lowdbStore({ dir, logger: memoryLogger() }).open(TEST_SCHEMA)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('is damaged at byte 0'),
    });
  });

  it('refuses to open when transactions are missing (a journal file removed)', async () => {
    const { dir } = await image(async (store) => {
      await fiveCreates(store);
      await store.compact();
      await store.transaction((tx) => tx.insert('customer', customer('c6')));
    });
    await rm(join(dir, 'snapshot.json')); // the snapshot held transactions 1-5; journal 2 starts at 6
    await expect(lowdbStore({ dir, logger: memoryLogger() }).open(TEST_SCHEMA)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('continues with transaction 6, but 1 comes next'),
    });
  });

  it('refuses a damaged snapshot with a message that says what to do, and ignores a half-written one', async () => {
    const { dir } = await image(async (store) => {
      await fiveCreates(store);
      await store.compact();
    });
    await writeFile(join(dir, 'snapshot.json.tmp'), '{"format":1,"seq":99,"collec'); // a crash mid-compaction
    const { store, ids } = await reopen(dir);
    expect(ids).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    await store.close();
    expect(await readdir(dir)).not.toContain('snapshot.json.tmp');

    const snapshot = await readFile(join(dir, 'snapshot.json'));
    await writeFile(join(dir, 'snapshot.json'), snapshot.subarray(0, snapshot.length - 20));
    await expect(lowdbStore({ dir, logger: memoryLogger() }).open(TEST_SCHEMA)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('restore the data folder from a backup'),
    });
  });
});
