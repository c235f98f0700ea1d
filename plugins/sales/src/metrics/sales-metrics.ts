import {
  localDate,
  type MetricContext,
  type MetricDefinition,
  type MetricParameters,
  type MetricPeriod,
  periodWhere,
  type Where,
} from '@rapport/core';
import type { Deal } from '../entities/deal.js';
import type { Order } from '../entities/order.js';
import { roundHalfEvenDiv } from '../money.js';
import type { SalesOptions } from '../options.js';
import { SALES_PLUGIN_ID } from '../plugin-id.js';

const OWNER = {
  ownerId: { type: 'string', maxLength: 64, description: 'Only records of this owner (a user id).' },
};

/** Parameters of the deal metrics: an owner, a pipeline, or both. */
const DEAL_PARAMETERS: MetricParameters = {
  properties: {
    ...OWNER,
    pipeline: { type: 'string', maxLength: 64, description: 'Only deals of this pipeline (its key).' },
  },
};

/** Parameters of the order metrics: an owner. */
const ORDER_PARAMETERS: MetricParameters = { properties: OWNER };

/** The `where` the metric's parameters add (the caller's record rules apply on top). */
function scopeOf(context: MetricContext): Where {
  const { ownerId, pipeline } = context.params;
  return {
    ...(typeof ownerId === 'string' ? { ownerId } : {}),
    ...(typeof pipeline === 'string' ? { pipeline } : {}),
  };
}

/** Won deals closed in the period, in the reporting currency. */
const wonIn = (period: MetricPeriod, currency: string, scope: Where): Where => ({
  ...scope,
  outcome: 'won',
  closedAt: periodWhere(period),
  'amount.currency': currency,
});

/** Placed orders dated in [from, to) in the reporting currency, within the parameters' scope. */
const placedIn = (context: MetricContext, range: Where, currency: string): Where => ({
  ...scopeOf(context),
  status: 'placed',
  date: range,
  'total.currency': currency,
});

/** The customers with a placed order in the period: per customer, the orders and their total. */
async function buyersIn(context: MetricContext, period: MetricPeriod, currency: string) {
  const rows = await context.data<Order>('order').aggregate({
    where: placedIn(context, periodWhere(period), currency),
    groupBy: ['customerId'],
    measures: { n: 'count', total: 'sum:total.amount' },
  });
  return rows.map((row) => ({ customerId: String(row.customerId), total: Number(row.total ?? 0) }));
}

/** The most ids one `in` condition may list (the query language's list bound). */
const IN_LIST = 1_000;

/** Of `customerIds`, those with two or more placed orders dated before `before`. */
async function repeatBuyers(
  context: MetricContext,
  customerIds: readonly string[],
  before: number,
  currency: string,
): Promise<number> {
  let repeat = 0;
  for (let at = 0; at < customerIds.length; at += IN_LIST) {
    const rows = await context.data<Order>('order').aggregate({
      where: {
        ...placedIn(context, { lt: new Date(before).toISOString() }, currency),
        customerId: { in: customerIds.slice(at, at + IN_LIST) },
      },
      groupBy: ['customerId'],
      measures: { n: 'count' },
    });
    repeat += rows.filter((row) => Number(row.n) >= 2).length;
  }
  return repeat;
}

async function wonStats(context: MetricContext, period: MetricPeriod, currency: string) {
  const [row] = await context.data<Deal>('deal').aggregate({
    where: wonIn(period, currency, scopeOf(context)),
    measures: { n: 'count', amount: 'sum:amount.amount', days: 'sum:cycleDays' },
  });
  return { n: Number(row?.n ?? 0), amount: Number(row?.amount ?? 0), days: Number(row?.days ?? 0) };
}

/**
 * The plugin's metrics, each over a period [from, to) and computed with store aggregates
 * (never by loading deals) as the caller, so a rep's figures are their own records' figures;
 * money metrics are in minor units of the reporting `currency` and count only records in it.
 * The deal metrics take `ownerId` and `pipeline` parameters, `sales.revenue` takes `ownerId`:
 * - `sales.revenue`: total of the orders placed (not cancelled) dated in the period.
 * - `sales.pipelineValue`: amount of the open deals expected to close in the period (unweighted).
 * - `sales.winRate`: of the deals closed in the period (any currency), the share won; null when none closed.
 * - `sales.avgDealSize`: average amount of the deals won in the period (rounded half to even); null when none.
 * - `sales.cycleDays`: average days from opened to won of the deals won in the period; null when none.
 * - `sales.newCustomers`: customers with a deal of kind `new` won in the period (distinct).
 * - `sales.crossSellRate`: of the deals won in the period (any currency), the share that sold
 *   more to an existing customer (kind `cross-sell` or `up-sell`); null when none.
 * - `sales.revenuePerCustomer`: `sales.revenue` over the distinct customers who placed those
 *   orders (average revenue per buying customer, rounded half to even); null when none bought.
 * - `sales.repeatPurchaseRate`: of the customers who placed an order in the period, the share
 *   with two or more placed orders by its end (this one or an earlier one); null when none bought.
 * - `sales.pipelineVelocity`: money the pipeline makes per day, the textbook way — deals opened
 *   in the period × win rate × average deal size ÷ average cycle days, each of the period (minor
 *   units per day, rounded); null when nothing was won or closed.
 */
export function salesMetrics(options: SalesOptions): MetricDefinition[] {
  const { currency } = options;
  return [
    {
      id: `${SALES_PLUGIN_ID}.revenue`,
      unit: currency,
      better: 'higher',
      description: `Total of the orders placed in the period, in ${currency} minor units (cancelled orders excluded).`,
      parameters: ORDER_PARAMETERS,
      async compute(period, context) {
        const [row] = await context.data<Order>('order').aggregate({
          where: placedIn(context, periodWhere(period), currency),
          measures: { total: 'sum:total.amount' },
        });
        return Number(row?.total ?? 0);
      },
    },
    {
      id: `${SALES_PLUGIN_ID}.revenuePerCustomer`,
      unit: currency,
      better: 'higher',
      description: `Revenue of the period per customer who placed an order in it, in ${currency} minor units.`,
      parameters: ORDER_PARAMETERS,
      async compute(period, context) {
        const buyers = await buyersIn(context, period, currency);
        if (buyers.length === 0) return null;
        const total = buyers.reduce((sum, buyer) => sum + BigInt(buyer.total), 0n);
        return roundHalfEvenDiv(total, BigInt(buyers.length));
      },
    },
    {
      id: `${SALES_PLUGIN_ID}.repeatPurchaseRate`,
      unit: 'ratio',
      better: 'higher',
      description:
        'Of the customers who placed an order in the period, the share with two or more orders by its end.',
      parameters: ORDER_PARAMETERS,
      async compute(period, context) {
        const buyers = await buyersIn(context, period, currency);
        if (buyers.length === 0) return null;
        const ids = buyers.map((buyer) => buyer.customerId);
        return (await repeatBuyers(context, ids, period.to, currency)) / buyers.length;
      },
    },
    {
      id: `${SALES_PLUGIN_ID}.pipelineVelocity`,
      parameters: DEAL_PARAMETERS,
      unit: currency,
      better: 'higher',
      description: `What the pipeline makes per day, in ${currency} minor units: deals opened in the period × win rate × average deal size ÷ average cycle days.`,
      async compute(period, context) {
        const deals = context.data<Deal>('deal');
        const scope = scopeOf(context);
        const [opened] = await deals.aggregate({
          where: { ...scope, openedAt: periodWhere(period), 'amount.currency': currency },
          measures: { n: 'count' },
        });
        const closed = await deals.aggregate({
          where: { ...scope, outcome: { exists: true }, closedAt: periodWhere(period) },
          groupBy: ['outcome'],
          measures: { n: 'count' },
        });
        const won = await wonStats(context, period, currency);
        const closedCount = closed.reduce((sum, row) => sum + Number(row.n), 0);
        const wonCount = Number(closed.find((row) => row.outcome === 'won')?.n ?? 0);
        if (closedCount === 0 || won.n === 0 || won.days === 0) return null;
        // (opened × won/closed) × (amount / n) ÷ (days / n) = opened × won × amount ÷ (closed × days)
        return Math.round((Number(opened?.n ?? 0) * wonCount * won.amount) / (closedCount * won.days));
      },
    },
    {
      id: `${SALES_PLUGIN_ID}.pipelineValue`,
      parameters: DEAL_PARAMETERS,
      unit: currency,
      better: 'higher',
      description: `Amount of the open deals expected to close in the period, in ${currency} minor units (unweighted).`,
      async compute(period, context) {
        const [row] = await context.data<Deal>('deal').aggregate({
          where: {
            ...scopeOf(context),
            outcome: { exists: false },
            expectedCloseDate: {
              // Expected close dates are local calendar dates of the deployment's time zone.
              gte: localDate(period.from, context.timeZone),
              lt: localDate(period.to, context.timeZone),
            },
            'amount.currency': currency,
          },
          measures: { amount: 'sum:amount.amount' },
        });
        return Number(row?.amount ?? 0);
      },
    },
    {
      id: `${SALES_PLUGIN_ID}.winRate`,
      parameters: DEAL_PARAMETERS,
      unit: 'ratio',
      better: 'higher',
      description: 'Of the deals closed in the period, the share won.',
      async compute(period, context) {
        const rows = await context.data<Deal>('deal').aggregate({
          where: { ...scopeOf(context), outcome: { exists: true }, closedAt: periodWhere(period) },
          groupBy: ['outcome'],
          measures: { n: 'count' },
        });
        const won = Number(rows.find((r) => r.outcome === 'won')?.n ?? 0);
        const closed = rows.reduce((sum, r) => sum + Number(r.n), 0);
        return closed === 0 ? null : won / closed;
      },
    },
    {
      id: `${SALES_PLUGIN_ID}.avgDealSize`,
      parameters: DEAL_PARAMETERS,
      unit: currency,
      better: 'higher',
      description: `Average amount of the deals won in the period, in ${currency} minor units.`,
      async compute(period, context) {
        const { n, amount } = await wonStats(context, period, currency);
        return n === 0 ? null : roundHalfEvenDiv(BigInt(amount), BigInt(n));
      },
    },
    {
      id: `${SALES_PLUGIN_ID}.cycleDays`,
      parameters: DEAL_PARAMETERS,
      unit: 'days',
      better: 'lower',
      description: 'Average days from opened to won of the deals won in the period.',
      async compute(period, context) {
        const [row] = await context.data<Deal>('deal').aggregate({
          where: { ...scopeOf(context), outcome: 'won', closedAt: periodWhere(period) },
          measures: { n: 'count', days: 'sum:cycleDays' },
        });
        const n = Number(row?.n ?? 0);
        return n === 0 ? null : Math.round((Number(row?.days) / n) * 100) / 100;
      },
    },
    {
      id: `${SALES_PLUGIN_ID}.newCustomers`,
      parameters: DEAL_PARAMETERS,
      unit: 'count',
      better: 'higher',
      description: 'Customers won in the period: distinct customers of the won deals of kind new.',
      async compute(period, context) {
        const rows = await context.data<Deal>('deal').aggregate({
          where: { ...scopeOf(context), outcome: 'won', closedAt: periodWhere(period), kind: 'new' },
          groupBy: ['customerId'],
          measures: { n: 'count' },
        });
        return rows.length;
      },
    },
    {
      id: `${SALES_PLUGIN_ID}.crossSellRate`,
      parameters: DEAL_PARAMETERS,
      unit: 'ratio',
      better: 'higher',
      description:
        'Of the deals won in the period, the share that sold more to an existing customer (cross-sell or up-sell).',
      async compute(period, context) {
        const rows = await context.data<Deal>('deal').aggregate({
          where: { ...scopeOf(context), outcome: 'won', closedAt: periodWhere(period) },
          groupBy: ['kind'],
          measures: { n: 'count' },
        });
        const all = rows.reduce((sum, r) => sum + Number(r.n), 0);
        const more = rows
          .filter((r) => r.kind === 'cross-sell' || r.kind === 'up-sell')
          .reduce((sum, r) => sum + Number(r.n), 0);
        return all === 0 ? null : more / all;
      },
    },
  ];
}
