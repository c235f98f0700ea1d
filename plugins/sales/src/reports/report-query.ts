import {
  fieldError,
  isoTime,
  type JsonValue,
  parseLocalTime,
  ValidationError,
  type Where,
} from '@rapport/core';

/** A time window [from, to) as a report uses it. */
export interface ReportPeriod {
  from: number;
  to: number;
  /** ISO 8601 UTC. */
  fromIso: string;
  toIso: string;
}

/** The filters every report takes. */
export interface ReportFilters {
  pipeline?: string;
  /**
   * `YYYY-MM-DD` (the start of that date in the deployment time zone) or an ISO 8601 time (one
   * without an offset is wall-clock time there); inclusive.
   */
  from?: string;
  /** Like `from`; exclusive. */
  to?: string;
  ownerId?: string;
  /** Report only deals in this currency (needed when they are in several). */
  currency?: string;
}

/**
 * Parses one bound in the deployment time zone (see {@link ReportFilters.from}); a 400 on
 * `path` otherwise.
 */
export function parseTime(value: string, path: string, timeZone: string): number {
  const ms = parseLocalTime(value, timeZone);
  if (ms === undefined)
    throw fieldError(
      'report',
      path,
      'sales.period',
      `'${value}' is not a date (YYYY-MM-DD) or an ISO 8601 time`,
    );
  return ms;
}

/**
 * The period of a report: the given bounds (read in `timeZone`) or the defaults; a 400 when
 * `from` is not before `to`.
 */
export function reportPeriod(
  filters: ReportFilters,
  defaults: { from: number; to: number },
  timeZone: string,
): ReportPeriod {
  const from = filters.from !== undefined ? parseTime(filters.from, 'from', timeZone) : defaults.from;
  const to = filters.to !== undefined ? parseTime(filters.to, 'to', timeZone) : defaults.to;
  if (from >= to) throw fieldError('report', 'from', 'sales.period', 'must be before to');
  return { from, to, fromIso: isoTime(from), toIso: isoTime(to) };
}

/** Checks a currency filter; a 400 on `currency` when it is not an ISO 4217 code. */
export function currencyFilter(currency: string | undefined): Where {
  if (currency === undefined) return {};
  if (!/^[A-Z]{3}$/.test(currency))
    throw fieldError(
      'report',
      'currency',
      'sales.currency',
      `'${currency}' is not an ISO 4217 code (EUR, USD, CNY)`,
    );
  return { 'amount.currency': currency };
}

/**
 * The one currency of a report's rows: summing amounts across currencies is meaningless, so
 * rows in more than one currency are a 400 naming them (and how to choose one). With no rows,
 * the requested currency or the fallback.
 */
export function singleCurrency(
  values: Iterable<JsonValue | undefined>,
  requested: string | undefined,
  fallback: string,
): string {
  const found = [...new Set([...values].filter((v): v is string => typeof v === 'string'))].sort();
  if (found.length > 1) {
    throw new ValidationError(
      `invalid report: the deals are in several currencies (${found.join(', ')}); a sum over mixed currencies means nothing — add currency=${found[0]} (or ${found.slice(1).join(', ')}) to report one of them`,
      [
        {
          path: 'currency',
          rule: 'sales.currency',
          message: `mixes ${found.join(', ')}: choose one with the currency filter`,
        },
      ],
      { details: { currencies: found } },
    );
  }
  return found[0] ?? requested ?? fallback;
}

/** A count and an amount (minor units). */
export interface Tally {
  count: number;
  amount: number;
}

/** An empty {@link Tally}. */
export const emptyTally = (): Tally => ({ count: 0, amount: 0 });

/** Adds an aggregate row's `n` and `amount` to a tally. */
export function addRow(tally: Tally, row: Record<string, JsonValue>): Tally {
  tally.count += Number(row.n ?? 0);
  tally.amount += Number(row.amount ?? 0);
  return tally;
}

/** `a / b`, or null when `b` is 0. */
export function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}
