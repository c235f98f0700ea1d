import { definePlugin, KERNEL } from '@rapport/core';
import { seedDemoCustomers } from '@rapport/plugin-customers/demo';
import { seedDemoMessaging } from '@rapport/plugin-messaging/demo';
import { seedDemoSales } from '@rapport/plugin-sales/demo';

/** Options of {@link demoData}. */
export interface DemoDataOptions {
  /** Demo customers written on first start (default 1000). */
  customers: number;
  /** Demo deals over the last 12 months, with orders and activities (default 2000). */
  deals: number;
  /** Demo messages sent through the log adapter (default 20); consents are seeded for every customer. */
  messages: number;
  /** Same seed, same data (default 1). */
  seed: number;
}

/**
 * Seeds deterministic demo data when the store is empty, when the plugin starts: demo
 * customers with contacts, interactions across every channel and purchase history, then
 * pipelines, deals over 12 months, orders for the won ones and activities; then log-adapter
 * channel accounts, message templates, marketing consents for the customers and a few
 * messages. A restart
 * on the same data folder seeds nothing.
 */
export const demoData = definePlugin<DemoDataOptions>({
  id: 'quickstartDemo',
  version: '0.0.0',
  description: 'Demo data for the quickstart.',
  dependsOn: ['customers', 'sales', 'messaging'],
  options: {
    type: 'object',
    properties: {
      customers: { type: 'integer', minimum: 0, maximum: 100_000, default: 1_000 },
      deals: { type: 'integer', minimum: 0, maximum: 100_000, default: 2_000 },
      messages: { type: 'integer', minimum: 0, maximum: 1_000, default: 20 },
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
    const sales = await seedDemoSales(kernel, {
      deals: ctx.options.deals,
      seed: ctx.options.seed,
      now: kernel.clock.now(),
    });
    if (!sales.skipped) ctx.logger.info({ ...sales }, `seeded ${sales.deals} demo deals`);
    const channels = await seedDemoMessaging(kernel, {
      seed: ctx.options.seed,
      now: kernel.clock.now(),
      messages: ctx.options.messages,
    });
    if (!channels.skipped) ctx.logger.info({ ...channels }, `seeded ${channels.consents} demo consents`);
  },
});
