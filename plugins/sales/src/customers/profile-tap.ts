import type { CustomerHooks, ProfileRequest } from '@rapport/plugin-customers';
import type { Deal } from '../entities/deal.js';
import type { Order, OrderRecord } from '../entities/order.js';
import { SALES_PLUGIN_ID } from '../plugin-id.js';

/** Orders read to tally a customer's products (the latest ones). */
const PRODUCT_ORDERS = 200;

async function prospecting(request: ProfileRequest): Promise<void> {
  const rows = await request.data<Deal>('deal').aggregate({
    where: { customerId: request.customerId, outcome: { exists: false } },
    groupBy: ['amount.currency'],
    measures: { n: 'count', amount: 'sum:amount.amount', weighted: 'sum:weightedAmount' },
  });
  const open = rows.reduce((sum, r) => sum + Number(r.n), 0);
  request.contribute('prospecting', {
    source: SALES_PLUGIN_ID,
    summary: `${open} open deal(s)`,
    data: {
      openDeals: open,
      pipeline: rows.map((r) => ({
        currency: r['amount.currency'],
        amount: Number(r.amount),
        weighted: Number(r.weighted),
      })),
    },
  });
}

async function performance(request: ProfileRequest): Promise<void> {
  const rows = await request.data<Deal>('deal').aggregate({
    where: { customerId: request.customerId, outcome: { exists: true } },
    groupBy: ['outcome'],
    measures: { n: 'count', days: 'sum:cycleDays' },
  });
  const won = rows.find((r) => r.outcome === 'won');
  const wonCount = Number(won?.n ?? 0);
  const closed = rows.reduce((sum, r) => sum + Number(r.n), 0);
  request.contribute('performance', {
    source: SALES_PLUGIN_ID,
    summary: closed === 0 ? 'no closed deals yet' : `won ${wonCount} of ${closed} closed deal(s)`,
    data: {
      closedDeals: closed,
      wonDeals: wonCount,
      winRate: closed === 0 ? null : wonCount / closed,
      avgCycleDays: wonCount === 0 ? null : Math.round((Number(won?.days) / wonCount) * 100) / 100,
    },
  });
}

async function products(request: ProfileRequest): Promise<void> {
  const page = await request.data<Order>('order').find({
    where: { customerId: request.customerId, status: 'placed' },
    sort: ['-date'],
    limit: PRODUCT_ORDERS,
    fields: ['lines'],
  });
  const tally = new Map<string, number>();
  for (const order of page.items as OrderRecord[]) {
    for (const line of order.lines ?? [])
      tally.set(line.product, (tally.get(line.product) ?? 0) + line.quantity);
  }
  if (tally.size === 0 && page.items.length === 0) return;
  request.contribute('product', {
    source: SALES_PLUGIN_ID,
    summary: `${tally.size} product(s) over ${page.items.length} order(s)`,
    data: { products: Object.fromEntries([...tally].sort((a, b) => b[1] - a[1])), orders: page.items.length },
  });
}

/**
 * The 7P profile parts sales knows: Prospecting (open deals, pipeline and weighted amount per
 * currency), Performance (won of closed deals, win rate, average cycle) and Product (the
 * products of the latest orders, by quantity). Read as the caller.
 */
export function tapCustomerProfile(hooks: CustomerHooks): void {
  hooks.profile.tapPromise(SALES_PLUGIN_ID, async (request) => {
    const jobs: Promise<void>[] = [];
    if (request.canRead('deal')) jobs.push(prospecting(request), performance(request));
    if (request.canRead('order')) jobs.push(products(request));
    await Promise.all(jobs);
  });
}
