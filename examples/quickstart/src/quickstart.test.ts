import { SYSTEM_ACTOR } from '@rapport/core';
import { createTestKernel } from '@rapport/testing';
import { describe, expect, it } from 'vitest';
import { quickstartPlugins } from './plugins.js';

describe('quickstart composition', () => {
  it('boots every plugin and seeds demo customers once, deterministically', async () => {
    const t = await createTestKernel({
      plugins: quickstartPlugins({ customers: 40, deals: 60 }),
      now: '2026-06-01T00:00:00Z',
    });
    const customers = t.kernel.data('customer', { actor: SYSTEM_ACTOR });
    expect(await customers.count()).toBe(40);
    expect(await t.kernel.data('interaction', { actor: SYSTEM_ACTOR }).count()).toBeGreaterThan(40);
    expect(await t.kernel.data('deal', { actor: SYSTEM_ACTOR }).count()).toBe(60);
    expect(await t.kernel.data('order', { actor: SYSTEM_ACTOR }).count()).toBeGreaterThan(0);
    const first = (await customers.find({ sort: ['email'], limit: 3, fields: ['email'] })).items;
    await t.stop();
    const again = await createTestKernel({
      plugins: quickstartPlugins({ customers: 40, deals: 60 }),
      now: '2026-06-01T00:00:00Z',
    });
    expect(
      (
        await again.kernel
          .data('customer', { actor: SYSTEM_ACTOR })
          .find({ sort: ['email'], limit: 3, fields: ['email'] })
      ).items.map((c) => c.email),
    ).toEqual(first.map((c) => c.email));
    await again.stop();
  });
});
