import { describe, expect, it } from 'vitest';
import { definePlugin } from '../plugins/define-plugin.js';
import { admin, bootKernel, customersPlugin } from '../test-support/boot.js';

const metricsPlugin = definePlugin({
  id: 'customerStats',
  version: '1',
  dependsOn: ['customers'],
  register(ctx) {
    ctx.metrics.define({
      id: 'customerStats.new',
      unit: 'count',
      better: 'higher',
      description: 'Customers created in the period',
      compute: (period, metric) =>
        metric.data('customer').count({
          createdAt: { gte: new Date(period.from).toISOString(), lt: new Date(period.to).toISOString() },
        }),
    });
  },
});

describe('metrics', () => {
  it('lists metrics and computes one over a period', async () => {
    const { kernel, clock } = await bootKernel({ plugins: [customersPlugin(), metricsPlugin()] });
    const repo = kernel.data('customer', { actor: admin });
    await repo.create({ name: 'early' });
    clock.advance(86_400_000);
    await repo.create({ name: 'late 1' });
    await repo.create({ name: 'late 2' });
    expect(kernel.metrics.list()).toEqual([
      {
        id: 'customerStats.new',
        unit: 'count',
        better: 'higher',
        description: 'Customers created in the period',
        plugin: 'customerStats',
      },
    ]);
    const from = Date.parse('2026-03-02T00:00:00Z');
    const value = await kernel.metrics.compute('customerStats.new', { from, to: from + 86_400_000 });
    expect(value).toEqual({
      id: 'customerStats.new',
      unit: 'count',
      value: 2,
      from: '2026-03-02T00:00:00.000Z',
      to: '2026-03-03T00:00:00.000Z',
    });
    await expect(kernel.metrics.compute('nope', { from, to: from + 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(kernel.metrics.compute('customerStats.new', { from, to: from })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('refuses a metric id outside the plugin prefix', async () => {
    const bad = definePlugin({
      id: 'bad',
      version: '1',
      register: (ctx) =>
        ctx.metrics.define({ id: 'sales.x', unit: 'count', better: 'higher', compute: async () => 1 }),
    });
    await expect(bootKernel({ plugins: [bad()] })).rejects.toMatchObject({
      failures: [{ plugin: 'bad', message: "metric id 'sales.x' must start with 'bad.'" }],
    });
  });
});
