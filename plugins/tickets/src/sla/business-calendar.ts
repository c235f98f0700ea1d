import { RapportError, timeZoneProblem } from '@rapport/core';
import { DateTime } from 'luxon';

/** Weekday keys, Monday first (ISO weekday 1–7). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** A weekday key: `mon` … `sun`. */
export type Weekday = (typeof WEEKDAYS)[number];

/** One stretch of working hours, local wall-clock time `HH:MM` (`to` may be `24:00`). */
export interface WorkingShift {
  from: string;
  to: string;
}

/** A day off: a date (`2026-12-24`), or with `recurring` every year on that month and day. */
export interface Holiday {
  date: string;
  recurring?: boolean;
  name?: string;
}

/** The working time a business calendar describes. */
export interface BusinessHours {
  /** IANA time zone the hours are wall-clock times in (`Europe/Berlin`). */
  timeZone: string;
  /** Shifts per weekday, in order and not overlapping (a split shift is two entries); absent = closed. */
  hours: Partial<Record<Weekday, WorkingShift[]>>;
  /** Days off. */
  holidays?: Holiday[];
}

/** A half-open instant range [from, to) in epoch milliseconds. */
export interface Interval {
  from: number;
  to: number;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function minutesOf(text: string): number {
  const [h, m] = text.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

function invalid(field: string, rule: string): RapportError {
  return new RapportError('INVALID_BUSINESS_CALENDAR', `${field} ${rule}`, { details: { field } });
}

/**
 * Checks a calendar and throws `INVALID_BUSINESS_CALENDAR` naming the field and rule: a known
 * IANA zone, `HH:MM` shifts with `from < to` in increasing order, valid holiday dates, and at
 * least one working shift in the week (without one no due time exists).
 */
export function assertBusinessHours(calendar: BusinessHours): void {
  const zone = timeZoneProblem(calendar?.timeZone);
  if (zone) throw invalid('timeZone', zone);
  let shifts = 0;
  for (const day of Object.keys(calendar.hours ?? {})) {
    if (!(WEEKDAYS as readonly string[]).includes(day))
      throw invalid(`hours.${day}`, 'is not a weekday (mon … sun)');
    let last = -1;
    for (const [index, shift] of (calendar.hours[day as Weekday] ?? []).entries()) {
      const field = `hours.${day}[${index}]`;
      if (!HHMM.test(shift.from) || shift.from === '24:00')
        throw invalid(`${field}.from`, 'must be HH:MM (00:00–23:59)');
      if (!HHMM.test(shift.to)) throw invalid(`${field}.to`, 'must be HH:MM (00:01–24:00)');
      const from = minutesOf(shift.from);
      const to = minutesOf(shift.to);
      if (to <= from) throw invalid(`${field}.to`, `must be after from (${shift.from})`);
      if (from < last) throw invalid(`${field}.from`, 'must not overlap or precede the shift before it');
      last = to;
      shifts += 1;
    }
  }
  if (shifts === 0) throw invalid('hours', 'must have at least one working shift in the week');
  for (const [index, holiday] of (calendar.holidays ?? []).entries()) {
    if (!DATE.test(holiday.date) || !DateTime.fromISO(holiday.date).isValid) {
      throw invalid(`holidays[${index}].date`, 'must be a date YYYY-MM-DD');
    }
  }
}

function isHoliday(calendar: BusinessHours, day: DateTime): boolean {
  const iso = day.toISODate() as string;
  const monthDay = iso.slice(5);
  return (calendar.holidays ?? []).some((h) => (h.recurring ? h.date.slice(5) === monthDay : h.date === iso));
}

/** The instant of local wall-clock `minutes` after midnight of `day` (24:00 = next midnight). */
function wallClock(day: DateTime, minutes: number): number {
  if (minutes === 24 * 60) return day.plus({ days: 1 }).startOf('day').toMillis();
  // A wall-clock time the zone skips (spring forward) moves forward by the gap, as Luxon does.
  return day
    .set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 })
    .toMillis();
}

/** How many local days a search for working time looks ahead before giving up (ten years). */
export const MAX_SCAN_DAYS = 3_660;

/**
 * The working intervals from `from` onwards, in order, as instants: each shift of each local day
 * that is not a holiday, clipped to start no earlier than `from`. Shifts are wall-clock times, so
 * their UTC offsets follow daylight saving; a shift across a change lasts its real length (a
 * Berlin 01:00–04:00 shift on the last Sunday in March is two hours long).
 */
export function* workingIntervals(calendar: BusinessHours, from: number): Generator<Interval> {
  let day = DateTime.fromMillis(from, { zone: calendar.timeZone }).startOf('day');
  for (let scanned = 0; scanned < MAX_SCAN_DAYS; scanned += 1, day = day.plus({ days: 1 }).startOf('day')) {
    if (isHoliday(calendar, day)) continue;
    const shifts = calendar.hours[WEEKDAYS[day.weekday - 1] as Weekday] ?? [];
    for (const shift of shifts) {
      const start = wallClock(day, minutesOf(shift.from));
      const end = wallClock(day, minutesOf(shift.to));
      if (end <= from || end <= start) continue;
      yield { from: Math.max(start, from), to: end };
    }
  }
}
