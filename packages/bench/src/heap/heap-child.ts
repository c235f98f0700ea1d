// One heap measurement in a process of its own (started by the `lowdbheap` suite with
// --expose-gc): `seed` fills an empty lowdb folder through the kernel and then exits without
// closing it, as a crash would, leaving a journal to replay; `reopen` opens a folder and measures
// what it holds once loaded, then closes it (which rewrites the snapshot).

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_COLLECTION, createKernel, type Kernel } from '@rapport/core';
import { customers } from '@rapport/plugin-customers';
import { type LowdbStore, lowdbStore } from '@rapport/store-lowdb';
import { pino } from 'pino';
import { type HeapSample, sampleHeap } from './heap-sample.js';
import { seedCustomers } from './seed-customers.js';

/** What one child reports, as one JSON line on stdout. */
export interface HeapReport {
  mode: 'seed' | 'reopen';
  /** Heap with every module loaded, before the kernel starts. */
  before: HeapSample;
  /** Heap once seeded (`seed`) or opened (`reopen`). */
  after: HeapSample;
  customers: number;
  auditRecords: number;
  /** Time to seed, or to open the folder (snapshot read and journal replay). */
  ms: number;
  /** Bytes of each file in the folder when measured. */
  files: Record<string, number>;
}

const mode = process.env.HEAP_MODE === 'reopen' ? 'reopen' : 'seed';
const dir = process.env.HEAP_DIR as string;
const count = Number(process.env.HEAP_SIZE ?? 100_000);

async function boot(store: LowdbStore): Promise<Kernel> {
  const kernel = await createKernel({
    store,
    plugins: [customers()],
    logger: pino({ level: 'warn' }),
    jobs: { timer: false },
  });
  await kernel.start();
  return kernel;
}

function folderFiles(): Record<string, number> {
  const files: Record<string, number> = {};
  for (const name of readdirSync(dir)) files[name] = statSync(join(dir, name)).size;
  return files;
}

async function counts(store: LowdbStore): Promise<{ customers: number; auditRecords: number }> {
  return store.transaction(async (tx) => ({
    customers: await tx.count('customer'),
    auditRecords: await tx.count(AUDIT_COLLECTION),
  }));
}

async function main(): Promise<HeapReport> {
  const store = lowdbStore({ dir, logger: { info() {}, warn() {}, error: console.error } });
  const before = sampleHeap(); // modules loaded, nothing opened: the same floor in both modes
  if (mode === 'seed') {
    const kernel = await boot(store);
    const started = performance.now();
    await seedCustomers(kernel, count);
    const ms = performance.now() - started;
    const after = sampleHeap();
    return { mode, before, after, ms, ...(await counts(store)), files: folderFiles() };
  }
  const started = performance.now();
  const kernel = await boot(store);
  const ms = performance.now() - started;
  const after = sampleHeap();
  const report: HeapReport = { mode, before, after, ms, ...(await counts(store)), files: folderFiles() };
  await kernel.stop();
  return report;
}

const report = await main();
process.stdout.write(`${JSON.stringify(report)}\n`);
// `seed` leaves the folder as a crash would (no final snapshot): the next open replays the journal.
process.exit(0);
