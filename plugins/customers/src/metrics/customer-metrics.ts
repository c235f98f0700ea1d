import {
  isoTime,
  type MetricContext,
  type MetricDefinition,
  type MetricParameters,
  type MetricPeriod,
  type Where,
} from '@rapport/core';
import { classifyAbc } from '../classify/abc.js';
import type { CustomerValue } from '../entities/customer-value.js';
import { ABC_CLASSES, type AbcClass } from '../entities/vocabulary.js';
import { type CustomersOptions, DAY_MS } from '../options.js';
import { CUSTOMERS_PLUGIN_ID } from '../plugin-id.js';

/** The `ownerId` parameter of the customer-count metrics. */
const OWNER_PARAMETERS: MetricParameters = {
  properties: { ownerId: { type: 'string', maxLength: 200, description: 'Only customers of this owner.' } },
};

const ownerOf = (context: MetricContext): Where =>
  typeof context.params.ownerId === 'string' ? { ownerId: context.params.ownerId } : {};

/** Each customer's latest purchase before `before` (exclusive), by customer id. */
async function lastPurchaseBefore(context: MetricContext, before: number): Promise<Map<string, string>> {
  const rows = await context.data<CustomerValue>('customerValue').aggregate({
    where: { kind: 'purchase', at: { lt: isoTime(before) } },
    groupBy: ['customerId'],
    measures: { last: 'max:at' },
  });
  return new Map(rows.map((row) => [String(row.customerId), String(row.last)]));
}

/** The sum of one future-value field over the predicted customers the caller sees; null without any. */
async function sumOfPredictions(context: MetricContext, field: string): Promise<number | null> {
  const [row] = await context.data('customer').aggregate({
    where: { ...ownerOf(context), 'futureValue.fittedAt': { exists: true } },
    measures: { total: `sum:${field}`, n: 'count' },
  });
  return Number(row?.n ?? 0) > 0 ? Number(row?.total ?? 0) : null;
}

/** Customers with at least one purchase in [from, to). */
async function buyers(context: MetricContext, from: number, to: number): Promise<Set<string>> {
  const rows = await context.data<CustomerValue>('customerValue').aggregate({
    where: { kind: 'purchase', at: { gte: isoTime(from), lt: isoTime(to) } },
    groupBy: ['customerId'],
    measures: { n: 'count' },
  });
  return new Set(rows.map((row) => String(row.customerId)));
}

/** ABC classes by value earned in [from, to). */
async function classesIn(context: MetricContext, period: MetricPeriod, options: CustomersOptions) {
  const rows = await context.data<CustomerValue>('customerValue').aggregate({
    where: { at: { gte: isoTime(period.from), lt: isoTime(period.to) } },
    groupBy: ['customerId'],
    measures: { total: 'sum:amount.amount' },
  });
  return classifyAbc(
    rows.map((row) => ({ customerId: String(row.customerId), value: Number(row.total) })),
    options.abc,
  );
}

/**
 * The plugin's metrics, all over a period [from, to) and computed with store aggregates as the
 * caller (their permissions and record rules apply; the value metrics read `customerValue`):
 * - `customers.total`: customers whose relationship began (`acquiredAt`) before `to`.
 * - `customers.new`: customers acquired in the period.
 * - `customers.retentionRate`: of the customers who bought in the previous period of the same
 *   length, the share who bought again in this one (null when nobody bought before).
 * - `customers.churnRate`: of the customers alive at `from` (last purchase less than
 *   `churnAfterDays` before it), the share who crossed into churn by `to` (no purchase for
 *   `churnAfterDays`, reached before `to`) — the lifecycle's own definition of churn.
 * - `customers.customerEquity`: the sum of the customers' predicted lifetime values (minor units,
 *   from the last future-value fit; the period does not enter, the prediction is as of its fit).
 * - `customers.expectedActive`: the expected number of active customers (the sum of P(alive)).
 * - `customers.atRiskValuable`: customers with P(alive) under 0.3 whose lifetime value so far
 *   is in ABC class A — the win-back list.
 * - `customers.segmentShare.A|B|C`: of the customers with value in the period, the share in each
 *   ABC class when the period's value is classified (the Pareto picture: "A is 18% of customers").
 */
export function customerMetrics(options: CustomersOptions): MetricDefinition[] {
  const churnMs = options.lifecycle.churnAfterDays * DAY_MS;
  const metrics: MetricDefinition[] = [
    {
      id: `${CUSTOMERS_PLUGIN_ID}.total`,
      unit: 'count',
      better: 'higher',
      description: 'Customers whose relationship began before the end of the period.',
      parameters: OWNER_PARAMETERS,
      compute: (period, context) =>
        context.data('customer').count({ ...ownerOf(context), acquiredAt: { lt: isoTime(period.to) } }),
    },
    {
      id: `${CUSTOMERS_PLUGIN_ID}.new`,
      unit: 'count',
      better: 'higher',
      description: 'Customers acquired in the period.',
      parameters: OWNER_PARAMETERS,
      compute: (period, context) =>
        context.data('customer').count({
          ...ownerOf(context),
          acquiredAt: { gte: isoTime(period.from), lt: isoTime(period.to) },
        }),
    },
    {
      id: `${CUSTOMERS_PLUGIN_ID}.retentionRate`,
      unit: 'ratio',
      better: 'higher',
      description:
        'Of the customers who bought in the previous period of equal length, the share who bought again in this one.',
      async compute(period, context) {
        const length = period.to - period.from;
        const before = await buyers(context, period.from - length, period.from);
        if (before.size === 0) return null;
        const now = await buyers(context, period.from, period.to);
        return [...before].filter((id) => now.has(id)).length / before.size;
      },
    },
    {
      id: `${CUSTOMERS_PLUGIN_ID}.churnRate`,
      unit: 'ratio',
      better: 'lower',
      description: `Of the customers alive at the start (a purchase in the ${options.lifecycle.churnAfterDays} days before), the share who churned (no purchase for ${options.lifecycle.churnAfterDays} days) by the end.`,
      async compute(period, context) {
        const atStart = await lastPurchaseBefore(context, period.from);
        const alive = [...atStart].filter(([, last]) => Date.parse(last) >= period.from - churnMs);
        if (alive.length === 0) return null;
        const atEnd = await lastPurchaseBefore(context, period.to);
        const churned = alive.filter(([id]) => Date.parse(atEnd.get(id) as string) + churnMs <= period.to);
        return churned.length / alive.length;
      },
    },
    {
      id: `${CUSTOMERS_PLUGIN_ID}.customerEquity`,
      unit: 'money',
      better: 'higher',
      description:
        'The sum of the predicted (discounted) lifetime values of the customers, from the last future-value fit.',
      parameters: OWNER_PARAMETERS,
      compute: (_period, context) => sumOfPredictions(context, 'futureValue.lifetimeValue.amount'),
    },
    {
      id: `${CUSTOMERS_PLUGIN_ID}.expectedActive`,
      unit: 'count',
      better: 'higher',
      description:
        'The expected number of still-active customers: the sum of P(alive) from the last future-value fit.',
      parameters: OWNER_PARAMETERS,
      compute: (_period, context) => sumOfPredictions(context, 'futureValue.pAlive'),
    },
    {
      id: `${CUSTOMERS_PLUGIN_ID}.atRiskValuable`,
      unit: 'count',
      better: 'lower',
      description:
        'Class-A customers the future-value model thinks have probably lapsed (P(alive) under 0.3): the win-back list.',
      parameters: OWNER_PARAMETERS,
      compute: (_period, context) =>
        context
          .data('customer')
          .count({ ...ownerOf(context), abcClass: 'A', 'futureValue.pAlive': { lt: 0.3 } }),
    },
  ];
  for (const cls of ABC_CLASSES) {
    metrics.push({
      id: `${CUSTOMERS_PLUGIN_ID}.segmentShare.${cls}`,
      unit: 'ratio',
      better: cls === 'C' ? 'lower' : 'higher',
      description: `Of the customers with value in the period, the share in ABC class ${cls} (classes from the period's value).`,
      async compute(period, context) {
        const classes = await classesIn(context, period, options);
        if (classes.size === 0) return null;
        return [...classes.values()].filter((c: AbcClass) => c === cls).length / classes.size;
      },
    });
  }
  return metrics;
}
