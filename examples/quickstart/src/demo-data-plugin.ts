import { definePlugin, KERNEL } from '@rapport/core';
import { seedDemoCustomers } from '@rapport/plugin-customers';

/** Options of {@link demoData}. */
export interface DemoDataOptions {
  /** Demo customers written on first start (default 1000). */
  customers: number;
  /** Same seed, same data (default 1). */
  seed: number;
}

/**
 * Seeds deterministic demo data when the store is empty, when the plugin starts: demo
 * customers with contacts, interactions across every channel and purchase history. A restart
 * on the same data folder seeds nothing.
 */
export const demoData = definePlugin<DemoDataOptions>({
  id: 'quickstartDemo',
  version: '0.0.0',
  description: 'Demo data for the quickstart.',
  dependsOn: ['customers'],
  options: {
    type: 'object',
    properties: {
      customers: { type: 'integer', minimum: 0, maximum: 100_000, default: 1_000 },
      seed: { type: 'integer', default: 1 },
    },
    additionalProperties: false,
  },
  register() {},
  async start(ctx) {
    const kernel = ctx.resolve(KERNEL);
    const report = await seedDemoCustomers(kernel, {
      count: ctx.options.customers,
      seed: ctx.options.seed,
      now: kernel.clock.now(),
    });
    if (!report.skipped) ctx.logger.info({ ...report }, `seeded ${report.customers} demo customers`);
  },
});
