import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKernel, type DataStore, memoryStore } from '@rapport/core';
import { CUSTOMERS, customers } from '@rapport/plugin-customers';
import { demoBundles, seedDemoCustomers } from '@rapport/plugin-customers/demo';
import { lowdbStore } from '@rapport/store-lowdb';
import { pino } from 'pino';
import type { Row } from '../report.js';

const row = (suite: string, name: string, count: number, ms: number): Row => ({
  suite,
  name: `${name} (${(ms / 1_000).toFixed(1)} s)`,
  opsPerSec: (count / ms) * 1_000,
  meanUs: Number.NaN,
  p99Us: Number.NaN,
  samples: 1,
});

/**
 * The customers plugin at realistic sizes: generating the deterministic demo data (the
 * baseline: no store at all), seeding it through the kernel (validation, identity checks,
 * hooks, audit, value records) on the memory store and on lowdb, and a full ABC/RFM/lifecycle
 * recompute. Rates are customers per second.
 */
export async function customersSuite(options: { sizes: number[] }): Promise<Row[]> {
  const rows: Row[] = [];
  for (const count of options.sizes) {
    const suite = `customers plugin @${count.toLocaleString('en-US')}`;
    let started = performance.now();
    let records = 0;
    for (const bundle of demoBundles({ count, seed: 1 }))
      records += 1 + bundle.contacts.length + bundle.interactions.length + bundle.values.length;
    let ms = performance.now() - started;
    rows.push(
      row(suite, `baseline: generate demo data, ${records.toLocaleString('en-US')} records`, count, ms),
    );
    for (const kind of ['memory', 'lowdb'] as const) {
      const dir = kind === 'lowdb' ? await mkdtemp(join(tmpdir(), 'rapport-bench-customers-')) : undefined;
      const store: DataStore = dir ? lowdbStore({ dir }) : memoryStore();
      const kernel = await createKernel({
        store,
        plugins: [customers()],
        logger: pino({ level: 'warn' }),
        jobs: { timer: false },
      });
      await kernel.start();
      started = performance.now();
      await seedDemoCustomers(kernel, { count, seed: 1, recompute: false, batchSize: 100 });
      ms = performance.now() - started;
      rows.push(row(suite, `seed through the kernel, ${kind} store`, count, ms));
      started = performance.now();
      await kernel.resolve(CUSTOMERS).recompute();
      ms = performance.now() - started;
      rows.push(row(suite, `recompute ABC, RFM, lifecycle, ${kind} store`, count, ms));
      await kernel.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  }
  return rows;
}
