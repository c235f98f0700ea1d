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
          where: {
            ...scopeOf(context),
            status: 'placed',
            date: periodWhere(period),
            'total.currency': currency,
          },
          measures: { total: 'sum:total.amount' },
        });
        return Number(row?.total ?? 0);
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
