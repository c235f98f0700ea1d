import { createTestKernel, type TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { hello } from '../hello-plugin.js';
import { people } from '../people-plugin.js';
import { DEMO_PEOPLE, seedHelloDemo } from './seed-demo.js';

describe('the hello demo data', () => {
  let t: TestKernel;
  afterEach(() => t.stop());

  it('writes the demo people once, through the hooks, so each gets a greeting', async () => {
    t = await createTestKernel({ plugins: [people(), hello()], now: '2026-04-01T08:00:00Z' });
    expect(await seedHelloDemo(t.kernel, { ownerId: 'u-1' })).toEqual({
      skipped: false,
      people: DEMO_PEOPLE.length,
    });
    expect(await seedHelloDemo(t.kernel)).toEqual({ skipped: true, people: 0 });
    await t.settle();
    expect(await t.data('person').count({ ownerId: 'u-1' })).toBe(DEMO_PEOPLE.length);
    const { items } = await t.data<{ text: string }>('greeting').find({ limit: 10 });
    expect(items.map((g) => g.text)).toContain('早上好, 屠呦呦!');
  });
});
