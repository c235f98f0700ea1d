import { createTestKernel, type TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { GreetingDigest } from './daily-digest.js';
import { hello } from './hello-plugin.js';
import { type Person, people } from './people-plugin.js';

describe('hello.dailyDigest', () => {
  let t: TestKernel | undefined;
  afterEach(async () => {
    await t?.stop();
  });

  const greet = async (kernel: TestKernel, ...names: string[]) => {
    for (const name of names) await kernel.data<Person>('person').create({ name });
    await kernel.settle();
  };

  /** Advances the clock an hour at a time (running due jobs at each step) until `until`. */
  const advanceUntil = async (kernel: TestKernel, until: string) => {
    while (kernel.clock.now() < Date.parse(until)) await kernel.advance('1h');
  };

  const digests = async (kernel: TestKernel) =>
    (await kernel.data<GreetingDigest>('greetingDigest').find({ sort: ['day'] })).items.map(
      ({ day, count, createdAt }) => ({ day, count, createdAt }),
    );

  it('counts yesterday at 08:00 local time, also on the night the clocks spring forward', async () => {
    t = await createTestKernel({
      plugins: [people(), hello()],
      timeZone: 'Europe/Berlin',
      now: '2026-03-28T12:00:00Z',
    });
    await greet(t, 'Ada', 'Bob');
    await advanceUntil(t, '2026-03-29T12:00:00Z');
    await greet(t, 'Cleo');
    await advanceUntil(t, '2026-03-30T12:00:00Z');
    expect(await digests(t)).toEqual([
      { day: '2026-03-28', count: 2, createdAt: '2026-03-29T06:00:00.000Z' }, // 08:00 CEST, the first summer morning
      { day: '2026-03-29', count: 1, createdAt: '2026-03-30T06:00:00.000Z' },
    ]);
    expect(t.kernel.jobs.list().find((job) => job.id === 'hello.dailyDigest')).toMatchObject({
      schedule: { kind: 'cron', expression: '0 8 * * *', timeZone: 'Europe/Berlin' },
      nextRunAt: '2026-03-31T06:00:00.000Z',
    });
  });

  it('runs in its own zone when given one, and once for the latest morning after downtime', async () => {
    t = await createTestKernel({
      plugins: [people(), hello({ digestTimeZone: 'America/New_York' })],
      now: '2026-06-01T12:00:00Z',
    });
    await greet(t, 'Ada');
    await t.advance('3d'); // three New York mornings pass while nothing runs
    expect(await digests(t)).toEqual([
      { day: '2026-06-03', count: 0, createdAt: '2026-06-04T12:00:00.000Z' },
    ]);
  });
});
