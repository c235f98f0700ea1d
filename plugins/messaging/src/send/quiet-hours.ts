import { DateTime } from 'luxon';
import type { QuietHours } from '../options.js';

const minutesOf = (time: string): [number, number] => {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return [hour, minute];
};

/**
 * When the quiet hours that contain `now` end, in `timeZone`'s wall-clock time (epoch ms), or
 * `undefined` when `now` is not in quiet hours. A window whose end is before its start runs over
 * midnight (`21:00`–`08:00`). DST-correct: the end is the local wall time on the right local
 * day, so a night the clocks change is an hour shorter or longer; an end the change skips (a
 * 02:30 end on a spring-forward night) moves forward past the gap.
 *
 * @example
 * ```ts
 * quietUntil(Date.parse('2026-03-28T22:30:00Z'), 'Europe/Berlin', { start: '21:00', end: '08:00' });
 * // Date.parse('2026-03-29T06:00:00Z'): 08:00 CEST, the clocks went forward that night
 * ```
 */
export function quietUntil(now: number, timeZone: string, quiet: QuietHours): number | undefined {
  const local = DateTime.fromMillis(now, { zone: timeZone });
  const [startHour, startMinute] = minutesOf(quiet.start);
  const [endHour, endMinute] = minutesOf(quiet.end);
  const minute = local.hour * 60 + local.minute;
  const start = startHour * 60 + startMinute;
  const end = endHour * 60 + endMinute;
  const overnight = start > end;
  const inQuiet = overnight ? minute >= start || minute < end : minute >= start && minute < end;
  if (!inQuiet) return undefined;
  const day = overnight && minute >= start ? local.startOf('day').plus({ days: 1 }) : local.startOf('day');
  return day.set({ hour: endHour, minute: endMinute, second: 0, millisecond: 0 }).toMillis();
}
