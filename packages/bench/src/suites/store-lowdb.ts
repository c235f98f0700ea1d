import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Actor,
  createKernel,
  defineEntity,
  definePlugin,
  newId,
  type StoredRecord,
  type StoreSchema,
} from '@rapport/core';
import { lowdbStore } from '@rapport/store-lowdb';
import { pino } from 'pino';
import { Bench } from 'tinybench';
import { concurrently, type Figures, median } from '../measure.js';
import { type Row, rowsOf } from '../report.js';

const WRITERS = 32;
const silent = { info() {}, warn() {}, error() {} };
const actor: Actor = { id: 'bench', kind: 'user', roles: ['admin'] };
const NOW = '2026-01-01T00:00:00.000Z';

/** Owners, so each owns about 100 customers at any size: the "indexed find" returns a page of them. */
const ownersFor = (size: number) => Math.max(1, Math.round(size / 100));

const CustomerEntity = defineEntity({
  name: 'customer',
  plural: 'customers',
  schema: {
    type: 'object',
    properties: {
      name: { type: 'string', maxLength: 200 },
      email: { type: 'string' },
      segment: { type: 'string', enum: ['A', 'B', 'C'] },
      owner: { type: 'string' },
      score: { type: 'integer' },
    },
    required: ['name'],
  },
  indexes: [{ fields: ['email'], unique: true }, 'segment', 'owner'],
});
const plugin = definePlugin({
  id: 'bench-lowdb',
  version: '0',
  register: (ctx) => ctx.entities.define(CustomerEntity),
});

const SCHEMA: StoreSchema = {
  collections: [
    {
      name: 'customer',
      schema: { type: 'object', properties: {} },
      indexes: [{ fields: ['email'], unique: true }, { fields: ['segment'] }, { fields: ['owner'] }],
    },
  ],
};

function customer(i: number, owners: number, id: string = newId()): StoredRecord {
  const at = new Date(Date.parse(NOW) + i * 1_000).toISOString();
  return {
    id,
    createdAt: at,
    updatedAt: at,
    version: 1,
    name: `Customer ${i}`,
    email: `c${i}-${id.slice(0, 8)}@example.com`,
    segment: 'ABC'[i % 3] as string,
    owner: `u${i % owners}`,
    score: i,
  };
}

/** Figures of a fixed-duration run of concurrent workers. */
/**
 * The floor the disk allows: the same JSON lines appended to a file with the same group commit
 * (whatever is pending when the disk is free goes out in one write and one fdatasync).
 */
class BareGroupCommit {
  readonly #handle: Awaited<ReturnType<typeof open>>;
  #pending: { line: string; done: () => void }[] = [];
  #flushing = false;

  private constructor(handle: Awaited<ReturnType<typeof open>>) {
    this.#handle = handle;
  }

  static async create(path: string): Promise<BareGroupCommit> {
    return new BareGroupCommit(await open(path, 'a'));
  }

  append(line: string): Promise<void> {
    return new Promise((resolve) => {
      this.#pending.push({ line, done: resolve });
      if (!this.#flushing) void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    this.#flushing = true;
    while (this.#pending.length > 0) {
      const batch = this.#pending;
      this.#pending = [];
      await this.#handle.write(Buffer.from(batch.map((item) => item.line).join('')));
      await this.#handle.datasync();
      for (const item of batch) item.done();
    }
    this.#flushing = false;
  }

  close(): Promise<void> {
    return this.#handle.close();
  }
}

/** The run with the median throughput. */
function medianRun(runs: Figures[]): Figures {
  return [...runs].sort((a, b) => a.opsPerSec - b.opsPerSec)[Math.floor(runs.length / 2)] as Figures;
}

/** The median of `times` sequential runs of `fn`. */
async function medianOf(times: number, fn: () => Promise<number>): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < times; i += 1) values.push(await fn());
  return median(values);
}

const msRow = (suite: string, name: string, ms: number, samples: number): Row => ({
  suite,
  name,
  opsPerSec: 1_000 / ms,
  meanUs: ms * 1_000,
  p99Us: Number.NaN,
  samples,
});

/** One size: preload, then cold open, gets and finds, creates and kernel creates, each beside its baseline. */
async function atSize(size: number, time: number): Promise<Row[]> {
  const label = size.toLocaleString('en-US');
  const owners = ownersFor(size);
  const dir = await mkdtemp(join(tmpdir(), 'rapport-bench-lowdb-'));
  const scratch = await mkdtemp(join(tmpdir(), 'rapport-bench-bare-'));
  try {
    // Preload through the store in transactions of 1,000.
    const preload = lowdbStore({ dir, logger: silent });
    await preload.open(SCHEMA);
    const ids: string[] = [];
    const bare = new Map<string, StoredRecord>();
    const byEmail = new Map<string, StoredRecord>();
    const byOwner = new Map<string, StoredRecord[]>();
    for (let start = 0; start < size; start += 1_000) {
      const batch = Array.from({ length: Math.min(1_000, size - start) }, (_, k) =>
        customer(start + k, owners),
      );
      await preload.transaction(async (tx) => {
        for (const record of batch) await tx.insert('customer', record);
      });
      for (const record of batch) {
        ids.push(record.id);
        bare.set(record.id, record);
        byEmail.set(record.email as string, record);
        const list = byOwner.get(record.owner as string) ?? [];
        list.push(record);
        byOwner.set(record.owner as string, list);
      }
    }
    await preload.close(); // compacts: the folder is one snapshot

    // Cold open: read the snapshot, build maps and indexes, open the journal.
    const snapshotPath = join(dir, 'snapshot.json');
    const parseMs = await medianOf(5, async () => {
      const begin = performance.now();
      JSON.parse(readFileSync(snapshotPath, 'utf8'));
      return performance.now() - begin;
    });
    const openMs = await medianOf(5, async () => {
      const begin = performance.now();
      const cold = lowdbStore({ dir, logger: silent });
      await cold.open(SCHEMA);
      const ms = performance.now() - begin;
      await cold.close();
      return ms;
    });
    const snapshotMb = (statSync(snapshotPath).size / 1e6).toFixed(1);
    const openSuite = `lowdb cold open @${label} (snapshot ${snapshotMb} MB)`;
    const rows: Row[] = [
      msRow(openSuite, 'baseline: JSON.parse(readFileSync(snapshot))', parseMs, 5),
      msRow(openSuite, 'lowdbStore().open()', openMs, 5),
    ];
    const store = lowdbStore({ dir, logger: silent });
    await store.open(SCHEMA);

    // Get by id and indexed finds, at exactly `size` records (before the creates add more).
    let k = 0;
    const pick = () => ids[(k++ * 7_919) % ids.length] as string;
    const options = { time, warmupTime: Math.min(200, time / 4) };
    const get = new Bench(options)
      .add('baseline: Map.get + structuredClone', async () => {
        structuredClone(bare.get(pick()));
      })
      .add('store get by id', async () => {
        const id = pick();
        await store.transaction((tx) => tx.get('customer', id));
      });
    const sortById = [{ field: 'id', direction: 'asc' as const }];
    const findEmail = new Bench(options)
      .add('baseline: Map lookup + structuredClone', async () => {
        structuredClone(byEmail.get((bare.get(pick()) as StoredRecord).email as string));
      })
      .add('store find email = x (unique index)', async () => {
        const email = (bare.get(pick()) as StoredRecord).email as string;
        await store.transaction((tx) =>
          tx.find('customer', {
            where: { kind: 'cmp', field: 'email', op: 'eq', value: email },
            sort: sortById,
            limit: 50,
          }),
        );
      });
    const findOwner = new Bench(options)
      .add('baseline: Map lookup, sort, first 20, structuredClone', async () => {
        const rowsOfOwner = byOwner.get(`u${k++ % owners}`) ?? [];
        structuredClone([...rowsOfOwner].sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, 20));
      })
      .add('store find owner = x, sort id, limit 20 (index, ~100 rows)', async () => {
        const owner = `u${k++ % owners}`;
        await store.transaction((tx) =>
          tx.find('customer', {
            where: { kind: 'cmp', field: 'owner', op: 'eq', value: owner },
            sort: sortById,
            limit: 20,
          }),
        );
      });
    const newest = [
      { field: 'createdAt', direction: 'desc' as const },
      { field: 'id', direction: 'asc' as const },
    ];
    const listPage = new Bench(options)
      .add('baseline: sort a copy of all records, first 50, structuredClone', async () => {
        const sorted = [...bare.values()].sort((a, b) =>
          a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.id < b.id ? -1 : 1,
        );
        structuredClone(sorted.slice(0, 50));
      })
      .add('store find, sort -createdAt, limit 50 (no filter)', async () => {
        await store.transaction((tx) => tx.find('customer', { sort: newest, limit: 50 }));
      });
    await get.run();
    await findEmail.run();
    await findOwner.run();
    await listPage.run();
    rows.push(
      ...rowsOf(`lowdb get by id @${label}`, get),
      ...rowsOf(`lowdb find by unique email @${label}`, findEmail),
      ...rowsOf(`lowdb find by owner @${label}`, findOwner),
      ...rowsOf(`lowdb first list page @${label}`, listPage),
    );

    // Durable creates, 32 writers: store and baseline alternate three times (the median of each
    // counts), so load from elsewhere on a shared machine hits both alike.
    let n = size;
    const appender = await BareGroupCommit.create(join(scratch, 'bare.log'));
    const baselineRuns: Figures[] = [];
    const storeRuns: Figures[] = [];
    for (let round = 0; round < 3; round += 1) {
      baselineRuns.push(
        await concurrently(WRITERS, time, async () => {
          await appender.append(`${JSON.stringify(customer(n++, owners))}\n`);
        }),
      );
      storeRuns.push(
        await concurrently(WRITERS, time, async () => {
          const record = customer(n++, owners);
          await store.transaction((tx) => tx.insert('customer', record));
        }),
      );
    }
    await appender.close();
    const baselineCreate = medianRun(baselineRuns);
    const storeCreate = medianRun(storeRuns);
    const createSuite = `lowdb durable create ×${WRITERS} @${label}`;
    rows.push(
      { suite: createSuite, name: 'baseline: append + fdatasync, same group commit', ...baselineCreate },
      { suite: createSuite, name: 'store.transaction(insert)', ...storeCreate },
    );
    await store.close();

    // The same creates through a kernel repository (validation, hooks, audit record, outbox).
    const kernel = await createKernel({
      store: lowdbStore({ dir, logger: silent }),
      plugins: [plugin()],
      logger: pino({ level: 'silent' }),
      jobs: { timer: false },
    });
    await kernel.start();
    const repo = kernel.data('customer', { actor });
    const kernelCreate = await concurrently(WRITERS, time, async () => {
      const i = n++;
      await repo.create({
        name: `Customer ${i}`,
        email: `k${i}@example.com`,
        segment: 'A',
        owner: 'u1',
        score: i,
      });
    });
    await kernel.stop();
    rows.push({
      suite: createSuite,
      name: 'kernel repository.create (validation, hooks, audit)',
      ...kernelCreate,
    });
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * The embedded lowdb store at each size: durable creates from 32 concurrent writers (beside bare
 * append + fdatasync with the same group commit, and through a kernel repository), get by id and
 * indexed finds (beside Map lookups), and cold open (beside parsing the snapshot file).
 */
export async function lowdbSuite(options: { time: number; sizes: number[] }): Promise<Row[]> {
  const rows: Row[] = [];
  for (const size of options.sizes) rows.push(...(await atSize(size, options.time)));
  // Group rows by suite so each suite's first row (its baseline) leads it.
  const order = [...new Set(rows.map((row) => row.suite))];
  return order.flatMap((suite) => rows.filter((row) => row.suite === suite));
}
