import { SYSTEM_ACTOR } from '@rapport/core';
import { CUSTOMERS } from '@rapport/plugin-customers';
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

  it("shows future value on the demo customers: predictions after the seed's recompute, and a holdout check", async () => {
    const t = await createTestKernel({
      plugins: quickstartPlugins({ customers: 200, deals: 40 }),
      now: '2026-06-01T00:00:00Z',
    });
    const customers = t.kernel.data('customer', { actor: SYSTEM_ACTOR });
    const predicted = await customers.count({ 'futureValue.fittedAt': { exists: true } });
    const buyers = await customers.count({ 'value.purchases': { gte: 1 } });
    expect(buyers).toBeGreaterThan(30);
    expect(predicted).toBe(buyers);
    const check = await t.kernel.resolve(CUSTOMERS).validateFutureValue(t.admin, { weeks: 12 });
    expect(check.error).toBeUndefined();
    expect(check.customers).toBeGreaterThan(30);
    expect(check.byCalibrationCount.reduce((sum, g) => sum + g.actual, 0)).toBe(check.actual);
    await t.stop();
  });

  it('reads national phone numbers only when a region is set', async () => {
    const input = { kind: 'person', name: 'Ada', phone: '030 1234567' };
    const without = await createTestKernel({ plugins: quickstartPlugins({ customers: 0, deals: 0 }) });
    await expect(
      without.kernel.data('customer', { actor: SYSTEM_ACTOR }).create(input),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'phone' }],
    });
    await without.stop();
    const berlin = await createTestKernel({
      plugins: quickstartPlugins({ customers: 0, deals: 0 }, { defaultRegion: 'DE' }),
    });
    expect(await berlin.kernel.data('customer', { actor: SYSTEM_ACTOR }).create(input)).toMatchObject({
      phone: '+49301234567',
    });
    await berlin.stop();
  });
});
