import { SYSTEM_ACTOR } from '@rapport/core';
import { createTestKernel, type TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { hello } from './hello-plugin.js';
import { type Person, people } from './people-plugin.js';

const DAY = { from: Date.parse('2026-04-01T00:00:00Z'), to: Date.parse('2026-04-02T00:00:00Z') };

describe('metrics of the hello plugin', () => {
  let t: TestKernel;
  afterEach(() => t.stop());

  it('counts greetings sent in a period, narrowed by the `channel` parameter', async () => {
    t = await createTestKernel({ plugins: [people(), hello()], now: '2026-04-01T08:00:00Z' });
    await t.data<Person>('person').create({ name: 'A', email: 'a@example.com' });
    await t.data<Person>('person').create({ name: 'B' });
    await t.settle();
    await t.advance('1d');
    await t.data<Person>('person').create({ name: 'C' });
    await t.settle();
    const sent = (params?: Record<string, unknown>) =>
      t.kernel.metrics.compute('hello.greetingsSent', DAY, { actor: t.admin, ...(params ? { params } : {}) });
    expect((await sent()).value).toBe(2);
    expect((await sent({ channel: 'email' })).value).toBe(1);
    await expect(sent({ channel: 'fax' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(sent({ colour: 'red' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('averages ratings company-wide, for `greeting:report` only; null when none was rated', async () => {
    t = await createTestKernel({ plugins: [people(), hello()], now: '2026-04-01T08:00:00Z' });
    const average = (actor = t.admin) => t.kernel.metrics.compute('hello.averageRating', DAY, { actor });
    expect((await average()).value).toBeNull();
    for (const name of ['A', 'B', 'C']) await t.data<Person>('person').create({ name });
    await t.settle();
    const { items } = await t.data('greeting').find({ sort: ['createdAt'] });
    for (const [i, stars] of [4, 5].entries()) {
      await t.kernel
        .data('greeting', { actor: SYSTEM_ACTOR })
        .update((items[i] as { id: string }).id, { rating: stars, ratedAt: '2026-04-01T09:00:00.000Z' });
    }
    expect((await average()).value).toBe(4.5);
    expect((await average(t.actor(['manager']))).value).toBe(4.5);
    await expect(average(t.actor(['greeter']))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
