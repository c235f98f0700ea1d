import { DateTime } from 'luxon';

/** The customer's local time now, in their zone (an unknown zone falls back to `fallbackZone`). */
export function localNow(now: number, zone: string | undefined, fallbackZone: string): DateTime {
  const local = DateTime.fromMillis(now, { zone: zone ?? fallbackZone });
  return local.isValid ? local : DateTime.fromMillis(now, { zone: fallbackZone });
}

/** `MM-DD` of a local date. */
export const monthDay = (local: DateTime): string => local.toFormat('MM-dd');

/**
 * Whether a yearly occasion on `occasionMonthDay` (`MM-DD`) falls on the local date: the same day,
 * or 28 February for a 29 February occasion in a year without one.
 */
export function isYearlyOn(occasionMonthDay: string, local: DateTime): boolean {
  if (occasionMonthDay === monthDay(local)) return true;
  return occasionMonthDay === '02-29' && !local.isInLeapYear && monthDay(local) === '02-28';
}

/** Whether the local time has reached the rule's hour today (the care job then sends, once). */
export const hourReached = (local: DateTime, hour: number): boolean => local.hour >= hour;

/** The `MM-DD` values any zone may be living on at `now` (UTC−12 to UTC+14). */
export function monthDaysAround(now: number): string[] {
  const utc = DateTime.fromMillis(now, { zone: 'utc' });
  return [...new Set([utc.minus({ hours: 12 }), utc, utc.plus({ hours: 14 })].map(monthDay))];
}
