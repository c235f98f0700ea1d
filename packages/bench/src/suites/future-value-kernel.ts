import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKernel, type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import { CUSTOMERS, customers } from '@rapport/plugin-customers';
import { lowdbStore } from '@rapport/store-lowdb';
import { pino } from 'pino';
import { simulatePurchases } from '../fixtures/purchase-simulation.js';
import { type Row, timedRow } from '../report.js';

const WEEK_MS = 7 * 86_400_000;
const BATCH = 500;
const PAGE = 1_000;

/** Writes the simulated customers and their purchases as value records, `BATCH` per transaction. */
async function seed(kernel: Kernel, count: number, maxAgeWeeks: number): Promise<number> {
  const now = kernel.clock.now();
  const simulated = simulatePurchases(count, maxAgeWeeks);
  let purchases = 0;
  for (let i = 0; i < simulated.length; i += BATCH) {
    const slice = simulated.slice(i, i + BATCH);
    await kernel.transaction(async (tx) => {
      const people = tx.data('customer', { actor: SYSTEM_ACTOR });
      const values = tx.data('customerValue', { actor: SYSTEM_ACTOR });
      for (const [k, c] of slice.entries()) {
        const { id } = await people.create({ kind: 'person', name: `Simulated ${i + k}` });
        for (const [n, time] of c.times.entries()) {
          await values.create({
            customerId: id,
            amount: { amount: Math.round((c.values[n] as number) * 100), currency: 'EUR' },
            at: new Date(now - (c.T - time) * WEEK_MS).toISOString(),
          });
          purchases++;
        }
      }
    });
  }
  return purchases;
}

/**
 * Future value through the kernel on the embedded store (lowdb, the quickstart's default): the simulated customers over five years of
 * age (about three purchases each) stored as value records. The baseline is one pass over
 * those value records through the repository (pages of 1,000, the fields the models need),
 * building each customer's purchases; beside it, the holdout validation of the deployment
 * (`CUSTOMERS.validateFutureValue`: the grouped aggregate, both fits, a prediction for every
 * customer) and the full recompute job (ABC, RFM, lifecycle and future value, written to every
 * customer that changed). Rates are customers per second.
 */
export async function futureValueKernelRows(options: { sizes: number[] }): Promise<Row[]> {
  const rows: Row[] = [];
  for (const count of options.sizes) {
    const dir = await mkdtemp(join(tmpdir(), 'rapport-bench-future-value-'));
    const kernel = await createKernel({
      store: lowdbStore({ dir }),
      plugins: [customers()],
      logger: pino({ level: 'warn' }),
      jobs: { timer: false },
    });
    await kernel.start();
    try {
      const purchases = await seed(kernel, count, 260);
      const suite = `future value through the kernel @${count.toLocaleString('en-US')} customers, ${purchases.toLocaleString('en-US')} purchases`;
      let started = performance.now();
      const seen = new Map<string, number[]>();
      let cursor: string | undefined;
      do {
        const page = await kernel.data('customerValue', { actor: SYSTEM_ACTOR }).find({
          sort: ['id'],
          limit: PAGE,
          fields: ['customerId', 'at', 'amount', 'kind'],
          ...(cursor ? { cursor } : {}),
        });
        for (const v of page.items as unknown as Array<{ customerId: string; at: string }>) {
          const list = seen.get(v.customerId) ?? [];
          list.push(Date.parse(v.at));
          seen.set(v.customerId, list);
        }
        cursor = page.nextCursor;
      } while (cursor);
      rows.push(
        timedRow(suite, 'baseline: one pass over the value records', count, performance.now() - started),
      );
      started = performance.now();
      const check = await kernel.resolve(CUSTOMERS).validateFutureValue(SYSTEM_ACTOR, { weeks: 26 });
      rows.push(
        timedRow(
          suite,
          `holdout validation: aggregate, both fits, ${check.customers.toLocaleString('en-US')} predictions`,
          count,
          performance.now() - started,
        ),
      );
      started = performance.now();
      const run = await kernel.resolve(CUSTOMERS).recompute();
      rows.push(
        timedRow(
          suite,
          `recompute job: ABC, RFM, lifecycle, future value (fit ${run.futureValue.ms} ms), ${run.updated.toLocaleString('en-US')} written`,
          count,
          performance.now() - started,
        ),
      );
      console.log(
        `${suite}: holdout ${check.predicted} predicted vs ${check.actual} actual over 26 weeks; ${check.error?.message ?? 'fitted'}`,
      );
    } finally {
      await kernel.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }
  return rows;
}
