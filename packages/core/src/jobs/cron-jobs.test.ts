import { describe, expect, it } from 'vitest';
import type { Kernel } from '../kernel/kernel-types.js';
import { definePlugin } from '../plugins/define-plugin.js';
import { createMemoryVolume, type MemoryVolume, memoryStore } from '../store/memory-store.js';
import { bootKernel, customersPlugin } from '../test-support/boot.js';
import { calendarPeriod, localDate, startOfLocalDate } from '../util/calendar.js';
import type { ManualClock } from '../util/clock.js';

interface Run {
  job: string;
  slot: string;
  at: string;
  timeZone: string;
}

interface CronSpec {
  id: string;
  cron: string;
  timeZone?: string;
}

/** A plugin with cron jobs that record each run and write a record in it (so runs share the store). */
function carePlugin(runs: Run[], jobs: CronSpec[]) {
  return definePlugin({
    id: 'care',
    version: '1',
    dependsOn: ['customers'],
    register(ctx) {
      for (const spec of jobs) {
        ctx.jobs.cron(
          spec.id,
          spec.cron,
          async (job) => {
            runs.push({
              job: spec.id,
              slot: new Date(job.slotStart).toISOString(),
              at: new Date(job.now()).toISOString(),
              timeZone: job.timeZone,
            });
            await job.data('customer').create({ name: `${spec.id} ${runs.length}` });
          },
          spec.timeZone ? { timeZone: spec.timeZone } : undefined,
        );
      }
    },
  });
}

async function boot(
  start: string,
  runs: Run[],
  jobs: CronSpec[],
  options: { volume?: MemoryVolume; timeZone?: string } = {},
) {
  return bootKernel(
    {
      plugins: [customersPlugin(), carePlugin(runs, jobs)()],
      ...(options.volume ? { store: memoryStore({ volume: options.volume }) } : {}),
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    },
    start,
  );
}

/** Moves every kernel's clock in steps of `stepMs` until `until`, running due jobs at each step. */
async function walk(
  kernels: Array<{ kernel: Kernel; clock: ManualClock }>,
  until: string,
  stepMs = 15 * 60_000,
) {
  const end = Date.parse(until);
  for (;;) {
    await Promise.all(kernels.map(({ kernel }) => kernel.jobs.runDue()));
    const first = kernels[0] as { clock: ManualClock };
    if (first.clock.now() + stepMs > end) return;
    for (const { clock } of kernels) clock.advance(stepMs);
  }
}

const slotsOf = (runs: Run[], job: string) => runs.filter((run) => run.job === job).map((run) => run.slot);

// Spring forward: Europe/Berlin 2026-03-29 02:00 CET -> 03:00 CEST; America/New_York 2026-03-08 02:00 EST -> 03:00 EDT.
// Fall back: Europe/Berlin 2026-10-25 03:00 CEST -> 02:00 CET; America/New_York 2026-11-01 02:00 EDT -> 01:00 EST.
const NIGHTS = [
  {
    name: 'Europe/Berlin, spring forward',
    timeZone: 'Europe/Berlin',
    days: ['2026-03-28', '2026-03-29', '2026-03-30'],
    expected: {
      '30 2 * * *': ['2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z'], // 03:00 CEST on the night
      '30 1 * * *': ['2026-03-28T00:30:00.000Z', '2026-03-29T00:30:00.000Z', '2026-03-29T23:30:00.000Z'],
      '0 9 * * *': ['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z'],
    },
  },
  {
    name: 'Europe/Berlin, fall back',
    timeZone: 'Europe/Berlin',
    days: ['2026-10-24', '2026-10-25', '2026-10-26'],
    expected: {
      '30 2 * * *': ['2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z'], // 02:30 CEST, not 02:30 CET
      '30 1 * * *': ['2026-10-23T23:30:00.000Z', '2026-10-24T23:30:00.000Z', '2026-10-26T00:30:00.000Z'],
      '0 9 * * *': ['2026-10-24T07:00:00.000Z', '2026-10-25T08:00:00.000Z', '2026-10-26T08:00:00.000Z'],
    },
  },
  {
    name: 'America/New_York, spring forward',
    timeZone: 'America/New_York',
    days: ['2026-03-07', '2026-03-08', '2026-03-09'],
    expected: {
      '30 2 * * *': ['2026-03-07T07:30:00.000Z', '2026-03-08T07:00:00.000Z', '2026-03-09T06:30:00.000Z'], // 03:00 EDT on the night
      '30 1 * * *': ['2026-03-07T06:30:00.000Z', '2026-03-08T06:30:00.000Z', '2026-03-09T05:30:00.000Z'],
      '0 9 * * *': ['2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z', '2026-03-09T13:00:00.000Z'],
    },
  },
  {
    name: 'America/New_York, fall back',
    timeZone: 'America/New_York',
    days: ['2026-10-31', '2026-11-01', '2026-11-02'],
    expected: {
      '30 2 * * *': ['2026-10-31T06:30:00.000Z', '2026-11-01T07:30:00.000Z', '2026-11-02T07:30:00.000Z'],
      '30 1 * * *': ['2026-10-31T05:30:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z'], // 01:30 EDT, not 01:30 EST
      '0 9 * * *': ['2026-10-31T13:00:00.000Z', '2026-11-01T14:00:00.000Z', '2026-11-02T14:00:00.000Z'],
    },
  },
] as const;

describe('cron jobs on the kernel clock', () => {
  for (const night of NIGHTS) {
    it(`runs 02:30, 01:30 and 09:00 jobs once a local day in ${night.name}`, async () => {
      const runs: Run[] = [];
      const expressions = Object.keys(night.expected) as Array<keyof typeof night.expected>;
      const first = startOfLocalDate(night.days[0], night.timeZone);
      const dayAfter = new Date(Date.parse(`${night.days[2]}T00:00:00Z`) + 86_400_000)
        .toISOString()
        .slice(0, 10);
      const end = startOfLocalDate(dayAfter, night.timeZone) - 1;
      const t = await boot(
        new Date(first).toISOString(),
        runs,
        expressions.map((cron, i) => ({ id: `care.job${i}`, cron, timeZone: night.timeZone })),
      );
      await walk([t], new Date(end).toISOString());
      expressions.forEach((cron, i) => {
        const slots = slotsOf(runs, `care.job${i}`);
        expect(slots, cron).toEqual(night.expected[cron]);
        expect(slots.map((slot) => localDate(Date.parse(slot), night.timeZone))).toEqual(night.days);
      });
      // Each ran when its slot came, not later, and saw the zone it is scheduled in.
      expect(runs.every((run) => run.at === run.slot && run.timeZone === night.timeZone)).toBe(true);
      await t.kernel.stop();
    });
  }

  it('runs a monthly 0 0 1 * * job at the start of each month in the zone', async () => {
    for (const timeZone of ['Europe/Berlin', 'America/New_York']) {
      const runs: Run[] = [];
      const t = await boot('2026-01-15T00:00:00Z', runs, [
        { id: 'care.monthStart', cron: '0 0 1 * *', timeZone },
      ]);
      await walk([t], '2026-05-15T00:00:00Z', 3_600_000);
      const slots = slotsOf(runs, 'care.monthStart').map(Date.parse);
      expect(slots.map((slot) => calendarPeriod(slot, 'month', timeZone).label)).toEqual([
        '2026-02',
        '2026-03',
        '2026-04',
        '2026-05',
      ]);
      for (const slot of slots) expect(calendarPeriod(slot, 'month', timeZone).from).toBe(slot);
      await t.kernel.stop();
    }
  });

  it('runs a 23:55 L job on the last day of each month', async () => {
    const runs: Run[] = [];
    const t = await boot('2028-01-20T00:00:00Z', runs, [
      { id: 'care.monthEnd', cron: '55 23 L * *', timeZone: 'Europe/Berlin' },
    ]);
    await walk([t], '2028-04-05T00:00:00Z', 3_600_000 / 4);
    expect(
      slotsOf(runs, 'care.monthEnd').map((slot) => localDate(Date.parse(slot), 'Europe/Berlin')),
    ).toEqual(['2028-01-31', '2028-02-29', '2028-03-31']);
    expect(slotsOf(runs, 'care.monthEnd')[2]).toBe('2028-03-31T21:55:00.000Z'); // 23:55 CEST
    await t.kernel.stop();
  });

  it('reads an expression in the deployment zone when the job names none', async () => {
    const runs: Run[] = [];
    const t = await boot('2026-06-01T00:00:00Z', runs, [{ id: 'care.morning', cron: '0 9 * * *' }], {
      timeZone: 'America/New_York',
    });
    await walk([t], '2026-06-02T00:00:00Z');
    expect(runs).toEqual([
      {
        job: 'care.morning',
        slot: '2026-06-01T13:00:00.000Z',
        at: '2026-06-01T13:00:00.000Z',
        timeZone: 'America/New_York',
      },
    ]);
    await t.kernel.stop();
  });

  it('runs each slot once across two kernels sharing a store, through both changes of a year', async () => {
    const volume = createMemoryVolume();
    const runs: Run[] = [];
    const jobs = [
      { id: 'care.night', cron: '30 2 * * *', timeZone: 'Europe/Berlin' },
      { id: 'care.early', cron: '30 1 * * *', timeZone: 'America/New_York' },
    ];
    const one = await boot('2026-03-27T12:00:00Z', runs, jobs, { volume });
    const two = await boot('2026-03-27T12:00:00Z', runs, jobs, { volume });
    await walk([one, two], '2026-03-31T00:00:00Z');
    one.clock.set('2026-10-23T12:00:00Z');
    two.clock.set('2026-10-23T12:00:00Z');
    await walk([one, two], '2026-11-03T12:00:00Z');
    const night = slotsOf(runs, 'care.night');
    const early = slotsOf(runs, 'care.early');
    expect(new Set(night).size).toBe(night.length);
    expect(new Set(early).size).toBe(early.length);
    // One catch-up run for the jump to October, then one a night.
    expect(night).toContain('2026-03-29T01:00:00.000Z');
    expect(night).toContain('2026-10-25T00:30:00.000Z');
    expect(night).not.toContain('2026-10-25T01:30:00.000Z');
    expect(early).toContain('2026-11-01T05:30:00.000Z');
    expect(early).not.toContain('2026-11-01T06:30:00.000Z');
    const written = await one.kernel
      .data('customer', { actor: { id: 'a', kind: 'user', roles: ['admin'] } })
      .count();
    expect(written).toBe(runs.length);
    await one.kernel.stop();
    await two.kernel.stop();
  });

  it('runs the latest missed slot once after downtime, and not again in a process that starts late', async () => {
    const volume = createMemoryVolume();
    const runs: Run[] = [];
    const jobs = [{ id: 'care.morning', cron: '0 9 * * *', timeZone: 'Europe/Berlin' }];
    const first = await boot('2026-03-02T08:00:00Z', runs, jobs, { volume });
    await first.kernel.jobs.runDue();
    expect(slotsOf(runs, 'care.morning')).toEqual(['2026-03-02T08:00:00.000Z']);
    first.clock.set('2026-03-05T12:00:00Z'); // three mornings missed
    await first.kernel.jobs.runDue();
    await first.kernel.jobs.runDue();
    expect(slotsOf(runs, 'care.morning')).toEqual(['2026-03-02T08:00:00.000Z', '2026-03-05T08:00:00.000Z']);
    await first.kernel.stop();

    // A process booted later on the same store: one run for the latest missed morning.
    const late = await boot('2026-03-09T10:00:00Z', runs, jobs, { volume });
    await late.kernel.jobs.runDue();
    await late.kernel.jobs.runDue();
    expect(slotsOf(runs, 'care.morning').slice(2)).toEqual(['2026-03-09T08:00:00.000Z']);
    // And one that boots the same morning runs nothing: the slot is taken in the store.
    const sameMorning = await boot('2026-03-09T10:30:00Z', runs, jobs, { volume });
    await sameMorning.kernel.jobs.runDue();
    expect(slotsOf(runs, 'care.morning')).toHaveLength(3);
    await late.kernel.stop();
    await sameMorning.kernel.stop();
  });

  it('starts a new job at its first slot after it is deployed, not for a slot that passed before', async () => {
    const runs: Run[] = [];
    const t = await boot('2026-03-02T14:00:00Z', runs, [
      { id: 'care.morning', cron: '0 9 * * *', timeZone: 'Europe/Berlin' },
    ]);
    await t.kernel.jobs.runDue();
    expect(runs).toEqual([]); // deployed at 15:00: this morning's message is not sent in the afternoon
    t.clock.set('2026-03-03T07:59:00Z');
    await t.kernel.jobs.runDue();
    expect(runs).toEqual([]);
    t.clock.set('2026-03-03T08:00:00Z');
    await t.kernel.jobs.runDue();
    expect(slotsOf(runs, 'care.morning')).toEqual(['2026-03-03T08:00:00.000Z']);
    await t.kernel.stop();
  });

  it('lists the schedule and the next run of each job', async () => {
    const runs: Run[] = [];
    const t = await boot('2026-03-28T12:00:00Z', runs, [
      { id: 'care.night', cron: '30 2 * * *', timeZone: 'Europe/Berlin' },
    ]);
    expect(t.kernel.jobs.list()).toEqual([
      {
        id: 'care.night',
        plugin: 'care',
        schedule: { kind: 'cron', expression: '30 2 * * *', timeZone: 'Europe/Berlin' },
        nextRunAt: '2026-03-29T01:00:00.000Z',
        running: false,
      },
      {
        id: 'kernel.outboxSweep',
        plugin: 'kernel',
        schedule: { kind: 'interval', intervalMs: 5_000 },
        nextRunAt: '2026-03-28T12:00:05.000Z',
        running: false,
      },
      {
        id: 'kernel.linkSweep',
        plugin: 'kernel',
        schedule: { kind: 'interval', intervalMs: 3_600_000 },
        nextRunAt: '2026-03-28T13:00:00.000Z',
        running: false,
      },
      {
        id: 'kernel.idempotencySweep',
        plugin: 'kernel',
        schedule: { kind: 'interval', intervalMs: 3_600_000 },
        nextRunAt: '2026-03-28T13:00:00.000Z',
        running: false,
      },
    ]);
    await t.kernel.stop();
  });

  it('refuses bad expressions and zones at boot, naming the plugin and the job', async () => {
    const runs: Run[] = [];
    const failing = boot('2026-03-01T00:00:00Z', runs, [
      { id: 'care.badHour', cron: '0 25 * * *' },
      { id: 'care.seconds', cron: '0 0 9 * * *' },
      { id: 'care.badZone', cron: '0 9 * * *', timeZone: 'Europe/Berlim' },
      { id: 'care.never', cron: '0 0 30 2 *' },
      { id: 'other.job', cron: '0 9 * * *' },
    ]);
    const error = await failing.then(
      () => undefined,
      (e: unknown) => e as { failures: Array<{ plugin: string; phase: string; message: string }> },
    );
    expect(error?.failures.map(({ plugin, phase }) => `${plugin}/${phase}`)).toEqual(
      Array(5).fill('care/register'),
    );
    expect(error?.failures.map((f) => f.message)).toEqual([
      "job 'care.badHour': cron expression '0 25 * * *' is not valid: Invalid value for hour: 25 (five fields: minute hour day-of-month month day-of-week)",
      expect.stringMatching(/^job 'care\.seconds': cron expression '0 0 9 \* \* \*' is not valid: .*5 parts/),
      "job 'care.badZone': timeZone 'Europe/Berlim' is not an IANA time zone name (such as 'Europe/Berlin', 'America/New_York' or 'UTC')",
      "job 'care.never': cron expression '0 0 30 2 *' names no date after 2026-03-01T00:00:00.000Z",
      "job id 'other.job' must start with 'care.'",
    ]);
  });
});
