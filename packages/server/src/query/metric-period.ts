import {
  CALENDAR_UNITS,
  type CalendarUnit,
  calendarPeriod,
  type MetricPeriod,
  parseLocalTime,
} from '@rapport/core';
import { HttpProblem } from '../http/problem.js';

const DAY_MS = 86_400_000;

function bad(field: string, message: string): never {
  throw new HttpProblem('INVALID_QUERY', message, { details: { field, rule: 'period' } });
}

/** One bound: epoch milliseconds, a local date (its midnight) or an ISO 8601 time. */
function readInstant(raw: unknown, name: string, timeZone: string): number {
  if (typeof raw !== 'string') bad(name, `${name} must be a single date or time`);
  const value = /^\d{1,15}$/.test(raw) ? Number(raw) : parseLocalTime(raw, timeZone);
  if (value === undefined || !Number.isFinite(value)) {
    bad(name, `${name} must be a date (YYYY-MM-DD), an ISO 8601 time or epoch milliseconds, got '${raw}'`);
  }
  return value;
}

/** The period parameters a metric request may carry beside the metric's own. */
export const METRIC_PERIOD_PARAMETERS = ['from', 'to', 'period', 'at'] as const;

/**
 * The period of a metric request, in the deployment's time zone:
 * - `period=month` (or `day`, `week`, `quarter`, `year`): that whole calendar unit, the one
 *   holding `at` (default: now) — `?period=quarter&at=2026-10-15`;
 * - `from` and `to`: `[from, to)`; a bare date is local midnight, a time without an offset local
 *   time; without `to` the period ends now, without `from` it starts 30 days before `to`.
 */
export function readMetricPeriod(
  params: Partial<Record<(typeof METRIC_PERIOD_PARAMETERS)[number], unknown>>,
  now: number,
  timeZone: string,
): MetricPeriod & { unit?: CalendarUnit } {
  if (params.period !== undefined) {
    if (params.from !== undefined || params.to !== undefined) {
      bad('period', 'give either period (with at) or from and to, not both');
    }
    const unit = params.period as CalendarUnit;
    if (typeof unit !== 'string' || !CALENDAR_UNITS.includes(unit)) {
      bad('period', `period must be one of ${CALENDAR_UNITS.join(', ')}`);
    }
    const at = params.at === undefined ? now : readInstant(params.at, 'at', timeZone);
    const { from, to } = calendarPeriod(at, unit, timeZone);
    return { from, to, unit };
  }
  if (params.at !== undefined) bad('at', 'at goes with period (period=month&at=2026-03-15)');
  const to = params.to === undefined ? now : readInstant(params.to, 'to', timeZone);
  const from = params.from === undefined ? to - 30 * DAY_MS : readInstant(params.from, 'from', timeZone);
  return { from, to };
}
