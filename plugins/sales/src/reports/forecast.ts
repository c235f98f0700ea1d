import {
  type Actor,
  type CalendarPeriod,
  calendarPeriod,
  fieldError,
  isoTime,
  type Kernel,
  localDate,
  periodsInRange,
  RapportError,
  shiftPeriod,
  startOfLocalDate,
  type Where,
} from '@rapport/core';
import type { Deal } from '../entities/deal.js';
import type { Pipeline } from '../entities/pipeline.js';
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

/** The forecast of one period: a whole calendar month or quarter in the deployment time zone. */
export interface ForecastPeriod {
  /** `2026-07` or `2026-Q3`. */
  period: string;
  /** Where the period begins: local midnight of its first day, as an ISO 8601 UTC time. */
  from: string;
  /** Where the next period begins (exclusive). */
  to: string;
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
  /** The start of the first period (ISO 8601 UTC): the range, widened to whole periods. */
  from: string;
  /** The end of the last period (exclusive). */
  to: string;
  /** The deployment time zone the periods are calendar months or quarters of. */
  timeZone: string;
  /** Clock time the report was made: closed-won counts up to here. */
  asOf: string;
  period: 'month' | 'quarter';
  pipeline: string | null;
  currency: string;
  periods: ForecastPeriod[];
  totals: Omit<ForecastPeriod, 'period' | 'from' | 'to'>;
}

/** Filters of the forecast. */
export interface ForecastFilters extends ReportFilters {
  period?: 'month' | 'quarter';
}

/** The most periods one forecast covers (each costs one grouped aggregate of the won deals). */
export const MAX_FORECAST_PERIODS = 120;

const emptyTotals = (): CategoryTotals => ({ count: 0, amount: 0, weighted: 0 });
const emptyPeriod = (period: string): Omit<ForecastPeriod, 'from' | 'to'> => ({
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

/** The whole periods [from, to) touches; a 400 on `to` past {@link MAX_FORECAST_PERIODS}. */
function wholePeriods(
  from: number,
  to: number,
  unit: 'month' | 'quarter',
  timeZone: string,
): CalendarPeriod[] {
  try {
    return periodsInRange(from, to, unit, timeZone, MAX_FORECAST_PERIODS);
  } catch (error) {
    if (error instanceof RapportError && error.code === 'PERIOD_LIMIT') {
      throw fieldError(
        'report',
        'to',
        'sales.period',
        `makes more than ${MAX_FORECAST_PERIODS} ${unit}s: choose a shorter range${unit === 'month' ? ' or period=quarter' : ''}`,
      );
    }
    throw error;
  }
}

function addCategory(target: CategoryTotals, n: number, amount: number, weighted: number): void {
  target.count += n;
  target.amount += amount;
  target.weighted += weighted;
}

/**
 * The weighted sales forecast (003's "sales forecasting") per calendar month or quarter in the
 * deployment time zone (`kernel.timeZone`): this period and the next two by default, and any
 * given [from, to) widened to the whole periods it touches (a quarter asked for in its last month
 * still starts on its first day). Per period: the open deals expected to close in it (by
 * `expectedCloseDate`, a local date) with their amount and weighted amount per forecast category,
 * the weighted total (commit + best-case + pipeline; `omitted` is shown but not counted), the
 * deals won in it (by `closedAt` between the period's local midnights), and `expected` = won +
 * weighted. Weighted amounts are stored per deal (amount × probability / 100 rounded half to
 * even), so the report is grouped `sum` aggregates — one over the open deals, one per period over
 * the won deals — pushed down to SQL on PostgreSQL. Deals in several currencies without a
 * `currency` filter are a 400; so is a range of more than {@link MAX_FORECAST_PERIODS} periods.
 */
export async function forecastReport(
  kernel: Kernel,
  actor: Actor,
  options: SalesOptions,
  filters: ForecastFilters = {},
): Promise<Forecast> {
  const { timeZone } = kernel;
  const now = kernel.clock.now();
  const unit = filters.period ?? 'month';
  if (unit !== 'month' && unit !== 'quarter') {
    throw fieldError('report', 'period', 'sales.period', `'${String(unit)}' is not month or quarter`);
  }
  const current = calendarPeriod(now, unit, timeZone);
  const asked = reportPeriod(filters, { from: current.from, to: shiftPeriod(current, 3).from }, timeZone);
  const calendar = wholePeriods(asked.from, asked.to, unit, timeZone);
  const from = (calendar[0] as CalendarPeriod).from;
  const to = (calendar[calendar.length - 1] as CalendarPeriod).to;
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
      // Periods begin at local midnight, so their local dates bound the expected close dates.
      expectedCloseDate: { gte: localDate(from, timeZone), lt: localDate(to, timeZone) },
    },
    groupBy: ['amount.currency', 'expectedCloseMonth', 'forecastCategory'],
    measures: { n: 'count', amount: 'sum:amount.amount', weighted: 'sum:weightedAmount' },
  });
  // `closedAt` is an instant: each period's won deals are those closed between its local midnights.
  const wonRows = await Promise.all(
    calendar.map((period) =>
      deals.aggregate({
        where: { ...scope, outcome: 'won', closedAt: { gte: isoTime(period.from), lt: isoTime(period.to) } },
        groupBy: ['amount.currency'],
        measures: { n: 'count', amount: 'sum:amount.amount' },
      }),
    ),
  );
  const currency = singleCurrency(
    [...openRows, ...wonRows.flat()].map((r) => r['amount.currency']),
    filters.currency,
    options.currency,
  );

  const periods: ForecastPeriod[] = calendar.map((p) => ({
    ...emptyPeriod(p.label),
    from: isoTime(p.from),
    to: isoTime(p.to),
  }));
  const byLabel = new Map(periods.map((p) => [p.period, p]));
  const totals = emptyPeriod('total');
  // `expectedCloseMonth` is the `YYYY-MM` of a local date: the period of its first day holds it.
  const labelOfMonth = new Map<string, string>();
  const periodOfMonth = (month: string) => {
    let label = labelOfMonth.get(month);
    if (label === undefined) {
      label = calendarPeriod(startOfLocalDate(`${month}-01`, timeZone), unit, timeZone).label;
      labelOfMonth.set(month, label);
    }
    return byLabel.get(label);
  };
  for (const row of openRows) {
    const target = periodOfMonth(String(row.expectedCloseMonth));
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
  wonRows.forEach((rows, i) => {
    for (const row of rows) for (const p of [periods[i] as ForecastPeriod, totals]) addRow(p.closedWon, row);
  });
  for (const p of [...periods, totals]) p.expected = p.closedWon.amount + p.weighted;
  const { period: _total, ...totalsWithoutKey } = totals;
  return {
    from: isoTime(from),
    to: isoTime(to),
    timeZone,
    asOf: isoTime(now),
    period: unit,
    pipeline: pipeline ?? null,
    currency,
    periods,
    totals: totalsWithoutKey,
  };
}
