import { DateTime, IANAZone } from 'luxon';
import { RapportError } from '../errors.js';

/** The calendar units a {@link CalendarPeriod} can span. `week` is the ISO week (Monday first). */
export type CalendarUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** Every {@link CalendarUnit}, shortest first. */
export const CALENDAR_UNITS: readonly CalendarUnit[] = Object.freeze([
  'day',
  'week',
  'month',
  'quarter',
  'year',
]);

/**
 * One whole calendar unit in a time zone, as the half-open instant range [from, to).
 * A day is 23, 24 or 25 hours long, depending on the daylight-saving rules of the zone.
 */
export interface CalendarPeriod {
  unit: CalendarUnit;
  /** The IANA time zone the period is local to. */
  timeZone: string;
  /** Epoch milliseconds of the first instant of the period (local midnight, as a rule). */
  from: number;
  /** Epoch milliseconds of the first instant of the next period (exclusive). */
  to: number;
  /** `2026-12-03` (day), `2026-W49` (ISO week), `2026-12` (month), `2026-Q4` (quarter), `2026` (year). */
  label: string;
}

/** How many periods {@link periodsInRange} answers at most unless told otherwise. */
export const DEFAULT_PERIOD_LIMIT = 10_000;

const EXAMPLES = "such as 'Europe/Berlin', 'America/New_York' or 'UTC'";

/**
 * Why `value` is not a usable time zone, as a sentence naming it; `undefined` when it is an IANA
 * time zone name this runtime knows (`Europe/Berlin`, `UTC`, `Etc/GMT+5`). Offsets such as
 * `+02:00` are refused: they have no daylight-saving rules, so they name no place's calendar.
 */
export function timeZoneProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) {
    return `must be an IANA time zone name ${EXAMPLES} (got ${value === '' ? 'an empty string' : typeof value})`;
  }
  if (!IANAZone.isValidZone(value)) return `'${value}' is not an IANA time zone name (${EXAMPLES})`;
  return undefined;
}

/** Is `value` an IANA time zone name this runtime knows? See {@link timeZoneProblem}. */
export function isTimeZone(value: unknown): value is string {
  return timeZoneProblem(value) === undefined;
}

// Checking a name builds an Intl.DateTimeFormat (tens of µs), so known-good zones are kept;
// there are a few hundred IANA names at most, and unknown names are never stored.
const knownZones = new Map<string, IANAZone>();

function zoneOf(timeZone: string): IANAZone {
  const known = knownZones.get(timeZone);
  if (known) return known;
  const problem = timeZoneProblem(timeZone);
  if (problem) {
    throw new RapportError('INVALID_TIME_ZONE', `timeZone ${problem}`, { details: { timeZone } });
  }
  const zone = IANAZone.create(timeZone);
  knownZones.set(timeZone, zone);
  return zone;
}

function zoned(instant: number, timeZone: string): DateTime {
  const zone = zoneOf(timeZone);
  if (typeof instant !== 'number' || !Number.isFinite(instant)) {
    throw new RapportError('INVALID_TIME', `${String(instant)} is not an instant (epoch milliseconds)`, {
      details: { instant: String(instant) },
    });
  }
  const time = DateTime.fromMillis(instant, { zone });
  if (!time.isValid) {
    throw new RapportError('INVALID_TIME', `${instant} is outside the range of dates`, {
      details: { instant, reason: time.invalidReason },
    });
  }
  return time;
}

function unitOf(unit: CalendarUnit): CalendarUnit {
  if (!CALENDAR_UNITS.includes(unit)) {
    throw new RapportError(
      'INVALID_CALENDAR_UNIT',
      `'${String(unit)}' is not a calendar unit (${CALENDAR_UNITS.join(', ')})`,
      { details: { unit: String(unit) } },
    );
  }
  return unit;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function labelOf(start: DateTime, unit: CalendarUnit): string {
  const year = pad(start.year, 4);
  switch (unit) {
    case 'day':
      return `${year}-${pad(start.month)}-${pad(start.day)}`;
    case 'week':
      return `${pad(start.weekYear, 4)}-W${pad(start.weekNumber)}`;
    case 'month':
      return `${year}-${pad(start.month)}`;
    case 'quarter':
      return `${year}-Q${start.quarter}`;
    case 'year':
      return year;
  }
}

function periodAt(time: DateTime, unit: CalendarUnit, timeZone: string): CalendarPeriod {
  // startOf lands on local midnight; where a zone skips midnight it lands on the first local
  // instant of the day. The end is the start of the next unit, computed the same way, so a
  // period never drifts by the hour a daylight-saving change adds or takes.
  const start = time.startOf(unit);
  const end = start.plus({ [`${unit}s`]: 1 }).startOf(unit);
  return { unit, timeZone, from: start.toMillis(), to: end.toMillis(), label: labelOf(start, unit) };
}

/**
 * The calendar period of `unit` that contains `instant` in `timeZone`.
 *
 * @example
 * ```ts
 * calendarPeriod(Date.parse('2026-12-03T10:00:00Z'), 'quarter', 'Europe/Berlin');
 * // { unit: 'quarter', timeZone: 'Europe/Berlin', label: '2026-Q4',
 * //   from: Date.parse('2026-09-30T22:00:00Z'), to: Date.parse('2026-12-31T23:00:00Z') }
 * ```
 */
export function calendarPeriod(instant: number, unit: CalendarUnit, timeZone: string): CalendarPeriod {
  return periodAt(zoned(instant, timeZone), unitOf(unit), timeZone);
}

/** The period `steps` units after `period` (before it when negative). */
export function shiftPeriod(period: CalendarPeriod, steps: number): CalendarPeriod {
  if (!Number.isInteger(steps)) throw new RangeError(`shiftPeriod: steps must be an integer (got ${steps})`);
  const unit = unitOf(period.unit);
  const shifted = zoned(period.from, period.timeZone).plus({ [`${unit}s`]: steps });
  return periodAt(shifted, unit, period.timeZone);
}

/** The period right after `period`. */
export function nextPeriod(period: CalendarPeriod): CalendarPeriod {
  return shiftPeriod(period, 1);
}

/** The period right before `period`. */
export function previousPeriod(period: CalendarPeriod): CalendarPeriod {
  return shiftPeriod(period, -1);
}

/**
 * The periods of `unit` that the instant range [from, to) touches, in order: the first contains
 * `from`, the last contains the instant before `to`. Widening a range to whole periods is
 * `{ from: periods[0].from, to: periods.at(-1).to }`. An empty range touches none. Throws
 * `PERIOD_LIMIT` when the range touches more than `limit` periods.
 *
 * @example
 * ```ts
 * periodsInRange(Date.parse('2026-11-20'), Date.parse('2027-01-10'), 'month', 'UTC').map((p) => p.label);
 * // ['2026-11', '2026-12', '2027-01']
 * ```
 */
export function periodsInRange(
  from: number,
  to: number,
  unit: CalendarUnit,
  timeZone: string,
  limit = DEFAULT_PERIOD_LIMIT,
): CalendarPeriod[] {
  const periods: CalendarPeriod[] = [];
  zoned(to, timeZone);
  if (to <= from) return periods;
  for (let period = calendarPeriod(from, unit, timeZone); period.from < to; period = nextPeriod(period)) {
    if (periods.length === limit) {
      throw new RapportError(
        'PERIOD_LIMIT',
        `the range touches more than ${limit} periods of one ${unit}: choose a shorter range or a longer unit`,
        { details: { unit, limit } },
      );
    }
    periods.push(period);
  }
  return periods;
}

/** The local calendar date `YYYY-MM-DD` of `instant` in `timeZone`. */
export function localDate(instant: number, timeZone: string): string {
  const time = zoned(instant, timeZone);
  return `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}`;
}

/** The local month `YYYY-MM` of `instant` in `timeZone`. */
export function localMonth(instant: number, timeZone: string): string {
  const time = zoned(instant, timeZone);
  return `${pad(time.year, 4)}-${pad(time.month)}`;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * The instant a local calendar date `YYYY-MM-DD` begins in `timeZone` (its local midnight, or
 * the first instant after it where a daylight-saving change skips midnight). Throws
 * `INVALID_TIME` for anything but an existing date.
 */
export function startOfLocalDate(date: string, timeZone: string): number {
  const zone = zoneOf(timeZone);
  const match = DATE.exec(date);
  const time = match
    ? DateTime.fromObject(
        { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) },
        { zone },
      )
    : undefined;
  if (!time?.isValid) {
    throw new RapportError('INVALID_TIME', `'${date}' is not a date (YYYY-MM-DD)`, { details: { date } });
  }
  return time.startOf('day').toMillis();
}

/**
 * Reads a date `YYYY-MM-DD` (the start of that local date) or an ISO 8601 date-time. A time
 * with an offset (`Z`, `+01:00`) is that instant; one without is local wall-clock time in
 * `timeZone` (a time a daylight-saving change skips moves forward by the gap; one it repeats
 * is one of its two instants, as Luxon picks it: give an offset to be exact). Answers `undefined` for anything else, so callers name the field.
 */
export function parseLocalTime(text: string, timeZone: string): number | undefined {
  const zone = zoneOf(timeZone);
  if (typeof text !== 'string') return undefined;
  if (DATE.test(text)) {
    try {
      return startOfLocalDate(text, timeZone);
    } catch {
      return undefined;
    }
  }
  if (!DATE_TIME.test(text)) return undefined;
  const time = DateTime.fromISO(text, { zone });
  return time.isValid ? time.toMillis() : undefined;
}
