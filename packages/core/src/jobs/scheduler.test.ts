import { describe, expect, it } from 'vitest';
import { definePlugin } from '../plugins/define-plugin.js';
import { createMemoryVolume, memoryStore } from '../store/memory-store.js';
import { bootKernel, customersPlugin } from '../test-support/boot.js';
import { JOBS_COLLECTION } from './job-collection.js';

function jobPlugin(runs: Array<{ slot: string; at: string }>, options: { fail?: boolean } = {}) {
  return definePlugin({
    id: 'reports',
    version: '1',
    dependsOn: ['customers'],
    register(ctx) {
      ctx.jobs.every('reports.hourly', '1h', async (job) => {
        runs.push({ slot: new Date(job.slotStart).toISOString(), at: new Date(job.now()).toISOString() });
        await job.data('customer').create({ name: `run ${runs.length}` });
        if (options.fail) throw new Error('report failed');
      });
    },
  });
}

describe('jobs', () => {
  it('runs once per interval on the kernel clock, without sleeping', async () => {
    const runs: Array<{ slot: string; at: string }> = [];
    const { kernel, clock } = await bootKernel({ plugins: [customersPlugin(), jobPlugin(runs)()] });
    await kernel.jobs.runDue();
    await kernel.jobs.runDue();
    expect(runs).toEqual([{ slot: '2026-03-01T09:00:00.000Z', at: '2026-03-01T09:00:00.000Z' }]);
    clock.advance(30 * 60_000);
    await kernel.jobs.runDue();
    expect(runs).toHaveLength(1);
    clock.advance(30 * 60_000);
    await kernel.jobs.runDue();
    expect(runs.map((r) => r.slot)).toEqual(['2026-03-01T09:00:00.000Z', '2026-03-01T10:00:00.000Z']);
    clock.advance(5 * 3_600_000); // downtime: missed slots run once, not five times
    await kernel.jobs.runDue();
    expect(runs).toHaveLength(3);
  });

  it('runs a slot once across two kernels sharing a store', async () => {
    const volume = createMemoryVolume();
    const runs: Array<{ slot: string; at: string }> = [];
    const one = await bootKernel({
      store: memoryStore({ volume }),
      plugins: [customersPlugin(), jobPlugin(runs)()],
    });
    const two = await bootKernel({
      store: memoryStore({ volume }),
      plugins: [customersPlugin(), jobPlugin(runs)()],
    });
    await Promise.all([one.kernel.jobs.runDue(), two.kernel.jobs.runDue(), one.kernel.jobs.runDue()]);
    expect(runs).toHaveLength(1);
  });

  it('runs a job whose interval grew, from the first slot of the new interval', async () => {
    const volume = createMemoryVolume();
    const runs: string[] = [];
    const digest = (interval: '1h' | '1d') =>
      definePlugin({
        id: 'reports',
        version: '1',
        register(ctx) {
          ctx.jobs.every(
            'reports.digest',
            interval,
            (job) => void runs.push(new Date(job.slotStart).toISOString()),
          );
        },
      });
    const hourly = await bootKernel({ store: memoryStore({ volume }), plugins: [digest('1h')()] });
    await hourly.kernel.jobs.runDue();
    await hourly.kernel.stop();
    const daily = await bootKernel({ store: memoryStore({ volume }), plugins: [digest('1d')()] });
    await daily.kernel.jobs.runDue(); // today's slot began before the hourly run: taken
    daily.clock.set('2026-03-02T00:00:00Z');
    await daily.kernel.jobs.runDue();
    expect(runs).toEqual(['2026-03-01T09:00:00.000Z', '2026-03-02T00:00:00.000Z']);
    await daily.kernel.stop();
  });

  it('honours a slot recorded by an earlier version as a slot number', async () => {
    const runs: Array<{ slot: string; at: string }> = [];
    const { kernel, clock } = await bootKernel({ plugins: [customersPlugin(), jobPlugin(runs)()] });
    const at = new Date(clock.now()).toISOString();
    await kernel.store.transaction((tx) =>
      tx.insert(JOBS_COLLECTION, {
        id: 'reports.hourly',
        createdAt: at,
        updatedAt: at,
        version: 1,
        lastSlot: Math.floor(clock.now() / 3_600_000),
        lastRunAt: at,
      }),
    );
    await kernel.jobs.runDue();
    expect(runs).toEqual([]);
    clock.advance(3_600_000);
    await kernel.jobs.runDue();
    expect(runs.map((r) => r.slot)).toEqual(['2026-03-01T10:00:00.000Z']);
    await kernel.stop();
  });

  it('keeps running after a failing run and lists its jobs', async () => {
    const runs: Array<{ slot: string; at: string }> = [];
    const { kernel, clock } = await bootKernel({
      plugins: [customersPlugin(), jobPlugin(runs, { fail: true })()],
    });
    await kernel.jobs.runDue();
    clock.advance(3_600_000);
    await kernel.jobs.runDue();
    expect(runs).toHaveLength(2);
    expect(kernel.jobs.list().map((j) => j.id)).toEqual([
      'reports.hourly',
      'kernel.outboxSweep',
      'kernel.linkSweep',
      'kernel.idempotencySweep',
    ]);
  });

  it('refuses a job id outside the plugin prefix and a bad interval at boot', async () => {
    const bad = definePlugin({
      id: 'bad',
      version: '1',
      register(ctx) {
        ctx.jobs.every('other.job', '1h', () => {});
        ctx.jobs.every('bad.job', 'soon' as never, () => {});
      },
    });
    await expect(bootKernel({ plugins: [bad()] })).rejects.toMatchObject({
      failures: [
        { plugin: 'bad', message: "job id 'other.job' must start with 'bad.'" },
        {
          plugin: 'bad',
          message: "job 'bad.job': 'soon' is not a positive duration (use e.g. 500ms, 30s, 5m, 1h, 7d)",
        },
      ],
    });
  });
});
