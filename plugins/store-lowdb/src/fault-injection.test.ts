import { appendFile, cp } from 'node:fs/promises';
import { join } from 'node:path';
import { type StoredRecord, StoreError } from '@rapport/core';
import { afterAll, describe, expect, it } from 'vitest';
import { type LowdbStore, lowdbStore } from './lowdb-store.js';
import { FaultyFs } from './test-support/faulty-fs.js';
import { customer, dumpStore, event, TEST_SCHEMA } from './test-support/fixtures.js';
import { memoryLogger } from './test-support/memory-logger.js';
import { removeDir, tempDir } from './test-support/temp-dir.js';

type Dump = Record<string, StoredRecord[]>;

/**
 * One operation run under faults. `prepare` runs with a healthy file system; `run` (and the
 * close after it) under the fault plan. `run` resolves only if what it wrote was acknowledged.
 */
interface Scenario {
  name: string;
  /** Makes the folder the operation starts from; returns a store on it, not yet open unless `opened`. */
  prepare(dir: string, fs: FaultyFs): Promise<LowdbStore>;
  run(store: LowdbStore, fs: FaultyFs): Promise<void>;
}

const dirs: string[] = [];
const newDir = async () => {
  const dir = await tempDir('rapport-lowdb-faults-');
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  await Promise.all(dirs.map(removeDir));
});

async function openWith(
  dir: string,
  fs: FaultyFs,
  writes: (store: LowdbStore) => Promise<void>,
  options: { historyInMemory?: number } = {},
) {
  const store = lowdbStore({ dir, fs, logger: memoryLogger(), ...options });
  await store.open(TEST_SCHEMA);
  await writes(store);
  return store;
}

const seedThree = async (store: LowdbStore) => {
  for (const id of ['c1', 'c2', 'c3']) await store.transaction((tx) => tx.insert('customer', customer(id)));
};

/** Three events in a history segment and two more in the journal, none of them in memory. */
const seedEvents = async (store: LowdbStore) => {
  for (const id of ['e1', 'e2', 'e3']) await store.transaction((tx) => tx.insert('event', event(id, 'c1')));
  await store.compact();
  for (const id of ['e4', 'e5']) await store.transaction((tx) => tx.insert('event', event(id, 'c2')));
};

const scenarios: Scenario[] = [
  {
    name: 'a single create',
    prepare: (dir, fs) => openWith(dir, fs, seedThree),
    run: (store) => store.transaction((tx) => tx.insert('customer', customer('x1', { segment: 'A' }))),
  },
  {
    name: 'a multi-record transaction (insert, insert, update, delete)',
    prepare: (dir, fs) => openWith(dir, fs, seedThree),
    run: (store) =>
      store.transaction(async (tx) => {
        await tx.insert('customer', customer('y1', { segment: 'B' }));
        await tx.insert('note', { ...customer('n1'), customerId: 'y1' });
        await tx.update('customer', customer('c1', { segment: 'C' }, 2), 1);
        await tx.delete('customer', 'c2', 1);
      }),
  },
  {
    name: 'a create committed while a compaction writes its snapshot',
    prepare: (dir, fs) => openWith(dir, fs, seedThree),
    run: async (store, fs) => {
      const gate = fs.pause(/^open\(wx\) .*snapshot\.json\.tmp$/);
      const compaction = store.compact().then(
        () => undefined,
        (error: unknown) => error,
      );
      await Promise.race([gate.reached, compaction]); // a fault may end the compaction before it gets there
      const create = store.transaction((tx) => tx.insert('customer', customer('z1')));
      await create.catch(() => undefined); // lands in the new journal
      gate.release();
      const compactionError = await compaction;
      if (compactionError !== undefined) expect(compactionError).toBeInstanceOf(StoreError);
      await create;
    },
  },
  {
    name: 'a compaction capturing a create whose fsync is still in flight',
    prepare: (dir, fs) => openWith(dir, fs, seedThree),
    run: async (store, fs) => {
      const sync = fs.pause(/^datasync .*journal-000001\.log$/);
      const snapshotStart = fs.pause(/^unlink .*snapshot\.json\.tmp$/);
      const create = store.transaction((tx) => tx.insert('customer', customer('z2')));
      const created = create.then(
        () => undefined,
        () => undefined,
      );
      await Promise.race([sync.reached, created]);
      const compaction = store.compact().then(
        () => undefined,
        (error: unknown) => error,
      );
      // The compaction captured z2 and now waits for its journal record to be durable.
      await Promise.race([new Promise((resolve) => setTimeout(resolve, 5)), compaction]);
      sync.release();
      await Promise.race([snapshotStart.reached, compaction]);
      snapshotStart.release();
      const compactionError = await compaction;
      if (compactionError !== undefined) expect(compactionError).toBeInstanceOf(StoreError);
      await create;
    },
  },
  {
    name: 'a transaction on history records read back from disk (insert, update, delete)',
    prepare: (dir, fs) => openWith(dir, fs, seedEvents, { historyInMemory: 0 }),
    run: (store) =>
      store.transaction(async (tx) => {
        await tx.insert('event', event('e9', 'c3'));
        const e1 = await tx.get('event', 'e1');
        await tx.update('event', { ...e1, kind: 'visit', version: 2 } as StoredRecord, 1);
        await tx.delete('event', 'e4', 1);
      }),
  },
  {
    name: 'a compaction merging history segments',
    prepare: (dir, fs) =>
      openWith(
        dir,
        fs,
        async (store) => {
          await seedEvents(store);
          await store.compact(); // a second segment: e4, e5
          await store.transaction(async (tx) => {
            await tx.update('event', event('e1', 'c1', { kind: 'mail' }, 2), 1);
            await tx.delete('event', 'e2', 1);
            await tx.delete('event', 'e4', 1);
          }); // 3 of 5 segment records dead: the next compaction merges
        },
        { historyInMemory: 0 },
      ),
    run: (store) => store.compact(),
  },
  {
    name: 'close (which compacts)',
    prepare: (dir, fs) =>
      openWith(dir, fs, async (store) => {
        await seedThree(store);
        await store.transaction((tx) => tx.update('customer', customer('c3', { segment: 'A' }, 2), 1));
      }),
    run: (store) => store.close(),
  },
  {
    name: 'open after a crash (replay, torn tail cut, stale lock taken over)',
    prepare: async (dir, fs) => {
      // A crash image: the files of a store that never closed, taken just after a compaction renamed
      // its snapshot into place but before it deleted the old journal, plus a torn record at the end.
      const live = await newDir();
      const source = lowdbStore({ dir: live, logger: memoryLogger() });
      await source.open(TEST_SCHEMA);
      await seedThree(source);
      await cp(live, dir, { recursive: true }); // LOCK (this pid) and journal-000001.log: seq 1-3
      await source.compact(); // snapshot.json at seq 3, journal-000002.log
      await source.transaction((tx) => tx.insert('customer', customer('c4'))); // seq 4
      await cp(join(live, 'snapshot.json'), join(dir, 'snapshot.json'));
      await cp(join(live, 'journal-000002.log'), join(dir, 'journal-000002.log'));
      await source.close();
      await appendFile(join(dir, 'journal-000002.log'), '77 0badc0de {"seq":5,"ops":[{"op":"put"');
      return lowdbStore({ dir, fs, logger: memoryLogger() });
    },
    run: (store) => store.open(TEST_SCHEMA),
  },
];

/** Runs `scenario` with healthy I/O: the state before and after, and how many calls it makes. */
async function reference(scenario: Scenario): Promise<{ before: Dump; after: Dump; calls: number }> {
  const dir = await newDir();
  const fs = new FaultyFs();
  const store = await scenario.prepare(dir, fs);
  const reader = lowdbStore({ dir, logger: memoryLogger() });
  let before: Dump;
  if (scenario.name.startsWith('open')) {
    await store.open(TEST_SCHEMA);
    before = await dumpStore(store);
    await store.close();
    const again = await scenario.prepare(await newDir(), fs);
    fs.arm();
    await scenario.run(again, fs);
    await again.close();
    return { before, after: before, calls: fs.calls };
  }
  before = await dumpStore(store);
  fs.arm();
  await scenario.run(store, fs);
  await store.close();
  const calls = fs.calls;
  await reader.open(TEST_SCHEMA);
  const after = await dumpStore(reader);
  await reader.close();
  return { before, after, calls };
}

// Each case replays its scenario once per file-system call it makes (hundreds of opens, writes and
// syncs): seconds on a loaded machine, so the cases get more than vitest's default 5 s.
describe('I/O faults: fail the Nth file-system call, once or from then on', { timeout: 60_000 }, () => {
  for (const scenario of scenarios) {
    for (const mode of ['once', 'persist'] as const) {
      // Each test opens and checks a folder dozens of times: on a busy shared machine that takes a while.
      it(`${scenario.name}, ${mode === 'once' ? 'failing only that call' : 'failing every call from it'}`, {
        timeout: 60_000,
      }, async () => {
        const { before, after, calls } = await reference(scenario);
        expect(calls).toBeGreaterThan(0);
        let failAt = 1;
        for (; failAt <= calls + 20; failAt += 1) {
          const dir = await newDir();
          const fs = new FaultyFs();
          const store = await scenario.prepare(dir, fs);
          fs.arm({ failAt, mode });
          let error: unknown;
          const acknowledged = await scenario.run(store, fs).then(
            () => true,
            (e: unknown) => {
              error = e;
              return false;
            },
          );
          await store.close().catch(() => undefined);
          const injected = fs.injected;
          const trace = fs.trace.slice(0, failAt).join('\n');
          fs.disarm();

          const check = lowdbStore({ dir, logger: memoryLogger() });
          await check.open(TEST_SCHEMA);
          const state = await dumpStore(check);
          await check.close();
          const context = `${scenario.name}, ${mode}, failing call ${failAt}:\n${trace}`;
          if (acknowledged) expect(state, context).toEqual(after);
          else {
            expect(error, context).toBeInstanceOf(StoreError);
            expect([before, after], context).toContainEqual(state);
          }
          if (injected === 0) {
            expect(acknowledged, context).toBe(true);
            break;
          }
        }
        expect(failAt).toBeGreaterThan(1);
        console.info(`${scenario.name} (${mode}): ${calls} calls, ${failAt} runs`);
      });
    }
  }
});
