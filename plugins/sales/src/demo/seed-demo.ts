import { type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import type { Customer } from '@rapport/plugin-customers';
import { seedDemoCustomers } from '@rapport/plugin-customers/demo';
import type { Activity } from '../entities/activity.js';
import type { Deal } from '../entities/deal.js';
import type { Lead } from '../entities/lead.js';
import {
  type DemoCustomerRef,
  type DemoDeal,
  type DemoSalesOptions,
  generateDemoLeads,
  generateDemoSales,
} from './generate-demo.js';

/** Options of {@link seedDemoSales}. */
export interface SeedSalesOptions extends Partial<DemoSalesOptions> {
  /** Demo customers to seed first when there are none (default 300). */
  customers?: number;
  /** Deals written per transaction (default 20). */
  batchSize?: number;
  /** Seed even when deals exist (default false: a no-op then). */
  force?: boolean;
  /** Called after each batch with the deals written so far. */
  onProgress?(written: number, total: number): void;
}

/** What {@link seedDemoSales} wrote. */
export interface SeedSalesReport {
  skipped: boolean;
  customersSeeded: number;
  deals: number;
  won: number;
  lost: number;
  open: number;
  activities: number;
  leads: number;
  orders: number;
  ms: number;
}

async function loadCustomers(kernel: Kernel): Promise<DemoCustomerRef[]> {
  const repo = kernel.data<Customer>('customer', { actor: SYSTEM_ACTOR });
  const out: DemoCustomerRef[] = [];
  let cursor: string | undefined;
  do {
    // A stable order that does not depend on ids (they differ per run): the demo's unique phones, then names.
    const page = await repo.find({
      where: { internal: { ne: true } },
      sort: ['phone', 'email', 'name', 'id'],
      limit: 500,
      fields: ['category', 'ownerId'],
      ...(cursor ? { cursor } : {}),
    });
    for (const c of page.items) {
      out.push({
        id: c.id,
        ...(c.category ? { category: c.category } : {}),
        ...(c.ownerId ? { ownerId: c.ownerId } : {}),
      });
    }
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

async function writeDeal(
  tx: Parameters<Parameters<Kernel['transaction']>[0]>[0],
  deal: DemoDeal,
): Promise<void> {
  const deals = tx.data<Deal>('deal', { actor: SYSTEM_ACTOR });
  const { id } = await deals.create({
    title: deal.title,
    customerId: deal.customerId,
    pipeline: deal.pipeline,
    lines: deal.lines,
    openedAt: deal.openedAt,
    expectedCloseDate: deal.expectedCloseDate,
    kind: deal.kind,
    ownerId: deal.ownerId,
    source: 'demo',
  });
  const activities = tx.data<Activity>('activity', { actor: SYSTEM_ACTOR });
  const pending = [...deal.activities];
  for (const [stage, at, reason] of deal.moves) {
    // Activities that happened before this move are logged first, so history reads in order.
    while (pending.length > 0 && String(pending[0]?.dueAt) <= at && pending[0]?.done) {
      await activities.create({ ...(pending.shift() as Activity), dealId: id });
    }
    await deals.update(id, { stage, stageEnteredAt: at, ...(reason ? { outcomeReason: reason } : {}) });
  }
  for (const activity of pending) await activities.create({ ...activity, dealId: id });
}

/**
 * Seeds the sales demo — the quickstart's data — as the system: demo customers first when there
 * are none (`seedDemoCustomers` of the customers plugin), then about `deals` (default 2,000)
 * deals over the last 12 months across them in the three default pipelines, each replayed stage
 * by stage with back-dated times (so the stage history, funnel, forecast and velocity are real),
 * their activities, orders for the won ones (placed by the plugin's own handler, which feeds
 * customer value), and leads. Deterministic for a seed and `now` (its own PRNG). A no-op when
 * deals exist, unless `force`.
 *
 * @example
 * ```ts
 * await seedDemoSales(kernel, { seed: 1, deals: 2000 }); // dated against the kernel clock
 * ```
 */
export async function seedDemoSales(
  kernel: Kernel,
  options: SeedSalesOptions = {},
): Promise<SeedSalesReport> {
  const started = performance.now();
  const report: SeedSalesReport = {
    skipped: false,
    customersSeeded: 0,
    deals: 0,
    won: 0,
    lost: 0,
    open: 0,
    activities: 0,
    leads: 0,
    orders: 0,
    ms: 0,
  };
  if (!options.force && (await kernel.data('deal', { actor: SYSTEM_ACTOR }).count()) > 0) {
    return { ...report, skipped: true };
  }
  const now = options.now ?? kernel.clock.now();
  const seed = options.seed ?? 1;
  if ((await kernel.data('customer', { actor: SYSTEM_ACTOR }).count()) === 0) {
    const seeded = await seedDemoCustomers(kernel, { count: options.customers ?? 300, seed, now });
    report.customersSeeded = seeded.customers;
  }
  const generation = { ...options, seed, now };
  const deals = generateDemoSales(generation, await loadCustomers(kernel));
  const batchSize = options.batchSize ?? 20;
  for (let i = 0; i < deals.length; i += batchSize) {
    const batch = deals.slice(i, i + batchSize);
    await kernel.transaction(async (tx) => {
      for (const deal of batch) await writeDeal(tx, deal);
    });
    for (const deal of batch) {
      report.deals += 1;
      report.activities += deal.activities.length;
      const last = deal.moves[deal.moves.length - 1];
      if (last?.[2]) report.lost += 1;
      else if (last && ['won', 'renewed', 'signed'].includes(last[0])) report.won += 1;
      else report.open += 1;
    }
    options.onProgress?.(report.deals, deals.length);
  }
  const leads = kernel.data<Lead>('lead', { actor: SYSTEM_ACTOR });
  for (const lead of generateDemoLeads(generation)) {
    await leads.create(lead);
    report.leads += 1;
  }
  await kernel.events.drain();
  report.orders = await kernel.data('order', { actor: SYSTEM_ACTOR }).count({ source: 'deal' });
  report.ms = Math.round(performance.now() - started);
  return report;
}
