import { createTestKernel, type TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { hello } from './hello-plugin.js';
import { type Person, people } from './people-plugin.js';

describe('the hello.retention interval job', () => {
  let t: TestKernel;
  afterEach(() => t.stop());

  it('deletes greetings older than retentionDays, once a slot, and keeps the newer ones', async () => {
    t = await createTestKernel({
      plugins: [people(), hello({ retentionDays: 30, ratingLinkDays: 7 })],
      now: '2026-04-01T12:00:00Z',
    });
    await t.data<Person>('person').create({ name: 'Old' });
    await t.settle();
    await t.advance('20d');
    await t.data<Person>('person').create({ name: 'New' });
    await t.settle();
    await t.advance('10d'); // day 30: Old is 30 days old on the job's slot, not older
    expect(await t.data('greeting').count()).toBe(2);
    await t.advance('1d');
    const { items } = await t.data<{ text: string }>('greeting').find();
    expect(items.map((g) => g.text)).toEqual(['Hello, New!']);
    expect(await t.kernel.jobs.list()).toContainEqual(expect.objectContaining({ id: 'hello.retention' }));
  });
});
