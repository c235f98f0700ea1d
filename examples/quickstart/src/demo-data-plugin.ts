import { createToken, definePlugin, KERNEL } from '@rapport/core';
import { seedDemoBsc } from '@rapport/plugin-bsc/demo';
import { seedDemoCampaigns } from '@rapport/plugin-campaigns/demo';
import { CUSTOMERS } from '@rapport/plugin-customers';
import { seedDemoCustomers } from '@rapport/plugin-customers/demo';
import { seedDemoLoyalty } from '@rapport/plugin-loyalty/demo';
import { seedDemoMessaging } from '@rapport/plugin-messaging/demo';
import { seedDemoSales } from '@rapport/plugin-sales/demo';
import { seedDemoTickets } from '@rapport/plugin-tickets/demo';
import { DEMO_SERVICE_TEAM, DemoOwners } from './demo-users.js';

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
  /**
   * The password of the demo sales team (`RAPPORT_DEMO_PASSWORD`), so people can sign in as them;
   * without it they have none until an admin sets one.
   */
  password?: string;
}

const DEMO_OWNERS = createToken<DemoOwners>('quickstartDemo.owners');

/** Fields holding the person a demo record belongs to or was done by, per entity. */
const OWNER_FIELDS: Record<string, string> = {
  customer: 'ownerId',
  segment: 'ownerId',
  interaction: 'byId',
  lead: 'ownerId',
  deal: 'ownerId',
  activity: 'ownerId',
  order: 'ownerId',
  dealStageChange: 'ownerId',
};

/**
 * Seeds deterministic demo data when the store is empty, when the plugin starts: the demo sales
 * team (a manager and two reps, see `DEMO_PEOPLE`), demo customers with contacts, interactions
 * across every channel and purchase history, then pipelines, deals over 12 months, orders for the
 * won ones and activities; then log-adapter channel accounts, message templates, marketing
 * consents for the customers and a few messages; then a service desk (calendar, team, SLA
 * policies) with tickets across every status; then a loyalty programme with three tiers and
 * rewards, and a year of its members' order points, redemptions and expiry; then topics and their
 * followers, a completed win-back campaign with results and care rules; then a customer-intimacy
 * balanced scorecard reading all of it live, with a year of closed months. The demo generators' owners are the team's
 * users, so the sales roles' record rules apply to the demo data. A restart on the same data
 * folder seeds nothing.
 */
export const demoData = definePlugin<DemoDataOptions>({
  id: 'quickstartDemo',
  version: '0.0.0',
  description: 'Demo data for the quickstart.',
  dependsOn: ['users', 'customers', 'sales', 'messaging', 'tickets', 'loyalty', 'campaigns', 'bsc'],
  options: {
    type: 'object',
    properties: {
      customers: { type: 'integer', minimum: 0, maximum: 100_000, default: 1_000 },
      deals: { type: 'integer', minimum: 0, maximum: 100_000, default: 2_000 },
      messages: { type: 'integer', minimum: 0, maximum: 1_000, default: 20 },
      seed: { type: 'integer', default: 1 },
      password: { type: 'string', minLength: 1, maxLength: 256 },
    },
    additionalProperties: false,
  },
  register(ctx) {
    const owners = new DemoOwners();
    ctx.services.provide(DEMO_OWNERS, { value: owners });
    for (const [entity, field] of Object.entries(OWNER_FIELDS)) {
      ctx.hooks.entity(entity).beforeCreate.tapPromise('quickstartDemo', async (record) => {
        const owner = record[field];
        if (!owners.active || typeof owner !== 'string') return record;
        return { ...record, [field]: owners.userFor(owner) };
      });
    }
  },
  async start(ctx) {
    const kernel = ctx.resolve(KERNEL);
    const owners = ctx.resolve(DEMO_OWNERS);
    const people = await owners.seed(kernel, ctx.options.password);
    if (people > 0) ctx.logger.info(`seeded ${people} demo users`);
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
    const desk = await seedDemoTickets(kernel, {
      seed: ctx.options.seed,
      members: owners.membersOf(DEMO_SERVICE_TEAM),
    });
    if (!desk.skipped) ctx.logger.info({ ...desk }, `seeded ${desk.tickets} demo tickets`);
    // After sales: members earn on the demo orders, dated as they were placed.
    const club = await seedDemoLoyalty(kernel);
    if (!club.skipped) ctx.logger.info({ ...club }, `seeded ${club.members} demo loyalty members`);
    // The sales orders (and later plugins' demo data) add value after the customers' own recompute:
    // one more, so classes, lifecycle stages and future value reflect everything seeded.
    if (!report.skipped) await kernel.resolve(CUSTOMERS).recompute();
    // After the recompute: the win-back campaign targets lapsed A-class customers.
    const marketing = await seedDemoCampaigns(kernel);
    if (!marketing.skipped)
      ctx.logger.info(
        { ...marketing },
        `seeded a win-back campaign to ${marketing.campaignMembers} customers`,
      );
    // Last: the scorecard's KPIs read the data above live, and its year of closed months freezes it.
    const strategy = await seedDemoBsc(kernel, { seed: ctx.options.seed });
    if (!strategy.skipped)
      ctx.logger.info({ ...strategy }, `seeded a scorecard with ${strategy.closed} closed months`);
  },
});
