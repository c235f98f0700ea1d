import { DateTime, IANAZone } from 'luxon';
import type { PeriodKind } from '../vocabulary.js';

/** One scorecard period: its key (`2026-03`, `2026-Q1`, `2026`), kind, and bounds in epoch ms. */
export interface Period {
  key: string;
  kind: PeriodKind;
  year: number;
  /** 1–12 for a month, 1–4 for a quarter, 1 for a year. */
  index: number;
  /** Inclusive start: local midnight of the first day, in the scorecard's zone. */
  from: number;
  /** Exclusive end: local midnight of the first day of the next period. */
  to: number;
}

const FORMS: Record<PeriodKind, RegExp> = {
  month: /^(\d{4})-(0[1-9]|1[0-2])$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  year: /^(\d{4})$/,
};

const EXAMPLES: Record<PeriodKind, string> = { month: '2026-03', quarter: '2026-Q1', year: '2026' };

/** Whether `zone` is an IANA time zone luxon (and so the kernel's cron) knows. */
export function isTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** Why `key` is not a period of `kind` (a sentence), or undefined when it is one. */
export function periodProblem(key: string, kind: PeriodKind): string | undefined {
  const match = FORMS[kind].exec(key);
  if (!match) return `must be a ${kind} like '${EXAMPLES[kind]}', got '${key}'`;
  const year = Number(match[1]);
  if (year < 1970 || year > 9998) return `must be a year from 1970 to 9998, got ${year}`;
  return undefined;
}

function monthsOf(kind: PeriodKind): number {
  return kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
}

function keyOf(kind: PeriodKind, year: number, index: number): string {
  if (kind === 'year') return String(year);
  if (kind === 'quarter') return `${year}-Q${index}`;
  return `${year}-${String(index).padStart(2, '0')}`;
}

function build(kind: PeriodKind, year: number, index: number, zone: string): Period {
  const start = DateTime.fromObject({ year, month: (index - 1) * monthsOf(kind) + 1, day: 1 }, { zone });
  const end = start.plus({ months: monthsOf(kind) });
  return { key: keyOf(kind, year, index), kind, year, index, from: start.toMillis(), to: end.toMillis() };
}

/**
 * The period `key` of `kind` in `zone`; throws a `TypeError` with the problem when it is not one
 * (routes and taps check with {@link periodProblem} first). Bounds are local midnights, so a month
 * holding a daylight-saving change is 743 or 745 hours long.
 */
export function parsePeriod(key: string, kind: PeriodKind, zone: string): Period {
  const problem = periodProblem(key, kind);
  if (problem) throw new TypeError(`period ${problem}`);
  const match = FORMS[kind].exec(key) as RegExpExecArray;
  return build(kind, Number(match[1]), kind === 'year' ? 1 : Number(match[2]), zone);
}

/** The period of `kind` holding the instant `at` (epoch ms) in `zone`. */
export function periodAt(at: number, kind: PeriodKind, zone: string): Period {
  const local = DateTime.fromMillis(at, { zone });
  const index = kind === 'year' ? 1 : Math.ceil(local.month / monthsOf(kind));
  return build(kind, local.year, index, zone);
}

/** The period `steps` periods after `period` (before it when negative). */
export function shiftPeriod(period: Period, steps: number, zone: string): Period {
  const perYear = 12 / monthsOf(period.kind);
  const ordinal = period.year * perYear + (period.index - 1) + steps;
  return build(period.kind, Math.floor(ordinal / perYear), (ordinal % perYear) + 1, zone);
}

/** How many periods of `period.kind` lie from the one holding `at` to `period` (negative when before). */
export function periodsSince(at: number, period: Period, zone: string): number {
  const first = periodAt(at, period.kind, zone);
  const perYear = 12 / monthsOf(period.kind);
  return period.year * perYear + period.index - (first.year * perYear + first.index);
}
