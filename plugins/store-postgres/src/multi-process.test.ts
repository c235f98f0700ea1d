import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import {
  type Actor,
  createKernel,
  createManualClock,
  definePlugin,
  type Kernel,
  type ManualClock,
  SYSTEM_ACTOR,
} from '@rapport/core';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresStore } from './pg-store.js';
import { counterPlugin } from './test-support/counter-plugin.mjs';
import { dropSchema, postgresUrl, uniqueSchema } from './test-support/database.js';

const run = promisify(execFile);
const admin: Actor = { id: 'admin', kind: 'user', roles: ['admin'] };
const compiled = fileURLToPath(new URL('../.vitest/dist/index.js', import.meta.url));
const worker = fileURLToPath(new URL('./test-support/increment-worker.mjs', import.meta.url));

describe('several Rapport processes on one database', () => {
  const kernels: Kernel[] = [];
  const schemas: string[] = [];
  afterEach(async () => {
    for (const kernel of kernels.splice(0)) await kernel.stop();
    for (const schema of schemas.splice(0)) await dropSchema(schema);
  });

  it('runs a scheduled job once per interval across processes racing for every slot', async () => {
    const schema = uniqueSchema('jobs');
    schemas.push(schema);
    const runs: Array<{ slotStart: number; process: number }> = [];
    const clocks: ManualClock[] = [];
    for (let p = 0; p < 4; p += 1) {
      const clock = createManualClock('2026-05-01T00:00:00Z');
      clocks.push(clock);
      const ticker = definePlugin({
        id: 'ticker',
        version: '1.0.0',
        register: (ctx) =>
          ctx.jobs.every('ticker.tick', '1m', ({ slotStart }) => {
            runs.push({ slotStart, process: p });
          }),
      });
      const kernel = await createKernel({
        // a store per kernel: its own pool, as separate processes have
        store: postgresStore({ url: postgresUrl(), schema, max: 3 }),
        plugins: [ticker()],
        clock,
        logger: { level: 'silent' },
        jobs: { timer: false },
      });
      await kernel.start();
      kernels.push(kernel);
    }
    const slots = 30;
    for (let slot = 0; slot < slots; slot += 1) {
      await Promise.all(kernels.map((kernel) => kernel.jobs.runDue()));
      await Promise.all(kernels.map((kernel) => kernel.jobs.runDue())); // a second tick in the same slot
      for (const clock of clocks) clock.advance(60_000);
    }
    expect(runs).toHaveLength(slots);
    expect(new Set(runs.map((r) => r.slotStart)).size).toBe(slots);
    console.log(
      `job slots won per process: ${[0, 1, 2, 3].map((p) => runs.filter((r) => r.process === p).length).join(', ')}`,
    );
  });

  it('loses no update when two OS processes increment the same records', { timeout: 120_000 }, async () => {
    if (!existsSync(compiled)) {
      throw new Error(
        `the child processes need the compiled adapter at ${compiled}: run 'pnpm test' in plugins/store-postgres (it compiles first)`,
      );
    }
    const schema = uniqueSchema('mp');
    schemas.push(schema);
    const kernel = await createKernel({
      store: postgresStore({ url: postgresUrl(), schema, max: 2 }),
      plugins: [counterPlugin()],
      logger: { level: 'silent' },
      jobs: { timer: false },
    });
    await kernel.start();
    kernels.push(kernel);
    const counters = kernel.data<{ value: number }>('counter', { actor: admin });
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await counters.create({ value: 0 })).id);

    const processes = 2;
    const cycles = 150;
    const env = {
      ...process.env,
      STORE_MODULE: pathToFileURL(compiled).href,
      DATABASE_URL: postgresUrl(),
      PG_SCHEMA: schema,
      IDS: ids.join(','),
      CYCLES: String(cycles),
    };
    const outputs = await Promise.all(
      Array.from({ length: processes }, () => run(process.execPath, [worker], { env, timeout: 100_000 })),
    );
    const reports = outputs.map((output) => JSON.parse(output.stdout.trim().split('\n').pop() ?? '{}'));
    expect(reports.map((r) => r.increments)).toEqual([cycles, cycles]);

    const finals = await Promise.all(ids.map((id) => counters.get(id)));
    expect(finals.reduce((total, counter) => total + counter.value, 0)).toBe(processes * cycles);
    for (const counter of finals) {
      expect(counter.value).toBe((processes * cycles) / ids.length);
      expect(counter.version).toBe(1 + counter.value);
    }
    // every committed increment left one audit record; the conflicting attempts left none
    const audit = await kernel.audit({ where: { action: 'update' }, limit: 500 }, { actor: SYSTEM_ACTOR });
    expect(audit.items).toHaveLength(processes * cycles);
    console.log(
      `cross-process increments: ${processes * cycles} exact, ${reports.reduce((n, r) => n + r.conflicts, 0)} conflicts retried`,
    );
  });
});
