import { type Actor, isoTime, type Kernel, type Where } from '@rapport/core';
import type { Deal } from '../entities/deal.js';
import type { Pipeline } from '../entities/pipeline.js';
import { fieldError } from '../errors.js';
import type { SalesOptions } from '../options.js';
import { requirePipeline } from '../pipelines/stages.js';
import { FORECAST_CATEGORIES, type ForecastCategory } from '../vocabulary.js';
import {
  addRow,
  currencyFilter,
  emptyTally,
  type ReportFilters,
  reportPeriod,
  singleCurrency,
  type Tally,
} from './report-query.js';

/** Open deals of one forecast category: count, amount and weighted amount. */
export interface CategoryTotals extends Tally {
  /** Sum of the deals' weighted amounts (each amount × probability / 100, rounded half to even). */
  weighted: number;
}

/** The forecast of one period (a month or a quarter). */
export interface ForecastPeriod {
  /** `2026-07` or `2026-Q3`. */
  period: string;
  /** Open deals expected to close in the period. */
  open: CategoryTotals;
  /** Weighted amount of the open deals, without the `omitted` category. */
  weighted: number;
  categories: Record<ForecastCategory, CategoryTotals>;
  /** Deals won in the period (closed-won to date, for a period in progress). */
  closedWon: Tally;
  /** closedWon.amount + weighted. */
  expected: number;
}

/** The forecast report. */
export interface Forecast {
  from: string;
  to: string;
  /** Clock time the report was made: closed-won counts up to here. */
  asOf: string;
  period: 'month' | 'quarter';
  pipeline: string | null;
  currency: string;
  periods: ForecastPeriod[];
  totals: Omit<ForecastPeriod, 'period'>;
}

/** Filters of the forecast. */
export interface ForecastFilters extends ReportFilters {
  period?: 'month' | 'quarter';
}

const emptyTotals = (): CategoryTotals => ({ count: 0, amount: 0, weighted: 0 });
const emptyPeriod = (period: string): ForecastPeriod => ({
  period,
  open: emptyTotals(),
  weighted: 0,
  categories: Object.fromEntries(FORECAST_CATEGORIES.map((c) => [c, emptyTotals()])) as Record<
    ForecastCategory,
    CategoryTotals
  >,
  closedWon: emptyTally(),
  expected: 0,
});

/** The period key of a month `YYYY-MM`. */
function periodOf(month: string, period: 'month' | 'quarter'): string {
  if (period === 'month') return month;
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The months `YYYY-MM` that [from, to) touches. */
function monthsOf(fromIso: string, toIso: string): string[] {
  const months: string[] = [];
  let year = Number(fromIso.slice(0, 4));
  let month = Number(fromIso.slice(5, 7));
  const last = isoTime(Date.parse(toIso) - 1).slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last || months.length > 1200) return months;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

function addCategory(target: CategoryTotals, n: number, amount: number, weighted: number): void {
  target.count += n;
  target.amount += amount;
  target.weighted += weighted;
}

/**
 * The weighted sales forecast (003's "sales forecasting") for [from, to) (default: this month
 * and the next two), per month or quarter: the open deals expected to close in each period
 * (by `expectedCloseDate`) with their amount and weighted amount per forecast category, the
 * weighted total (commit + best-case + pipeline; `omitted` is shown but not counted), the deals
 * won in the period, and `expected` = won + weighted. Weighted amounts are stored per deal
 * (amount × probability / 100 rounded half to even), so the report is two grouped `sum`
 * aggregates — pushed down to SQL on PostgreSQL. Deals in several currencies without a
 * `currency` filter are a 400.
 */
export async function forecastReport(
  kernel: Kernel,
  actor: Actor,
  options: SalesOptions,
  filters: ForecastFilters = {},
): Promise<Forecast> {
  const now = kernel.clock.now();
  const thisMonth = Date.parse(`${isoTime(now).slice(0, 7)}-01T00:00:00.000Z`);
  const inThree = new Date(thisMonth);
  inThree.setUTCMonth(inThree.getUTCMonth() + 3);
  const range = reportPeriod(filters, { from: thisMonth, to: inThree.getTime() });
  const periodKind = filters.period ?? 'month';
  if (periodKind !== 'month' && periodKind !== 'quarter') {
    throw fieldError('report', 'period', 'period', `'${String(periodKind)}' is not month or quarter`);
  }
  const pipeline = filters.pipeline
    ? (await requirePipeline(kernel.data<Pipeline>('pipeline', { actor }), 'report', filters.pipeline)).key
    : undefined;
  const scope: Where = {
    ...(pipeline ? { pipeline } : {}),
    ...(filters.ownerId ? { ownerId: filters.ownerId } : {}),
    ...currencyFilter(filters.currency),
  };
  const deals = kernel.data<Deal>('deal', { actor });
  const openRows = await deals.aggregate({
    where: {
      ...scope,
      outcome: { exists: false },
      expectedCloseDate: { gte: range.fromDate, lt: range.toDate },
    },
    groupBy: ['amount.currency', 'expectedCloseMonth', 'forecastCategory'],
    measures: { n: 'count', amount: 'sum:amount.amount', weighted: 'sum:weightedAmount' },
  });
  const wonRows = await deals.aggregate({
    where: { ...scope, outcome: 'won', closedAt: { gte: range.fromIso, lt: range.toIso } },
    groupBy: ['amount.currency', 'closedMonth'],
    measures: { n: 'count', amount: 'sum:amount.amount' },
  });
  const currency = singleCurrency(
    [...openRows, ...wonRows].map((r) => r['amount.currency']),
    filters.currency,
    options.currency,
  );

  const periods = new Map<string, ForecastPeriod>();
  for (const month of monthsOf(range.fromIso, range.toIso)) {
    const key = periodOf(month, periodKind);
    if (!periods.has(key)) periods.set(key, emptyPeriod(key));
  }
  const totals = emptyPeriod('total');
  for (const row of openRows) {
    const target = periods.get(periodOf(String(row.expectedCloseMonth), periodKind));
    const category = row.forecastCategory as ForecastCategory;
    const n = Number(row.n);
    const amount = Number(row.amount);
    const weighted = Number(row.weighted);
    for (const p of target ? [target, totals] : [totals]) {
      addCategory(p.categories[category] ?? p.categories.pipeline, n, amount, weighted);
      addCategory(p.open, n, amount, weighted);
      if (category !== 'omitted') p.weighted += weighted;
    }
  }
  for (const row of wonRows) {
    const target = periods.get(periodOf(String(row.closedMonth), periodKind));
    for (const p of target ? [target, totals] : [totals]) addRow(p.closedWon, row);
  }
  for (const p of [...periods.values(), totals]) p.expected = p.closedWon.amount + p.weighted;
  const { period: _total, ...totalsWithoutKey } = totals;
  return {
    from: range.fromIso,
    to: range.toIso,
    asOf: isoTime(now),
    period: periodKind,
    pipeline: pipeline ?? null,
    currency,
    periods: [...periods.values()],
    totals: totalsWithoutKey,
  };
}
