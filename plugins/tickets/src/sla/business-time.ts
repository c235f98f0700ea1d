import { RapportError } from '@rapport/core';
import { type BusinessHours, type Interval, MAX_SCAN_DAYS, workingIntervals } from './business-calendar.js';

/** Removes the paused intervals (sorted or not, possibly overlapping) from one interval. */
function subtract(interval: Interval, paused: readonly Interval[]): Interval[] {
  let parts: Interval[] = [interval];
  for (const pause of paused) {
    if (pause.to <= interval.from || pause.from >= interval.to) continue;
    parts = parts.flatMap((part) => {
      if (pause.to <= part.from || pause.from >= part.to) return [part];
      const kept: Interval[] = [];
      if (pause.from > part.from) kept.push({ from: part.from, to: pause.from });
      if (pause.to < part.to) kept.push({ from: pause.to, to: part.to });
      return kept;
    });
  }
  return parts;
}

/** Working intervals from `from`, minus paused time. */
function* countedIntervals(
  calendar: BusinessHours,
  from: number,
  paused: readonly Interval[],
): Generator<Interval> {
  for (const interval of workingIntervals(calendar, from)) yield* subtract(interval, paused);
}

/**
 * The instant `durationMs` of business time after `start`, not counting `paused` intervals.
 *
 * The rules (documented in the README and tested by hand-written due times):
 * - a start outside working hours starts the clock at the next opening;
 * - a target that is used up exactly when a shift ends is due at that closing instant, not at
 *   the next opening (as frappe and Chatwoot; Zammad's biz rolls to the next opening);
 * - time is counted to the millisecond, not rounded to minutes.
 * A duration of 0 is due at `start` itself when it is working time, else at the next opening.
 * Throws `NO_WORKING_TIME` when the calendar has no working time in the ten years after `start`.
 */
export function addBusinessTime(
  calendar: BusinessHours,
  start: number,
  durationMs: number,
  paused: readonly Interval[] = [],
): number {
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new RapportError(
      'INVALID_DURATION',
      `durationMs must be a non-negative number (got ${durationMs})`,
      {
        details: { durationMs },
      },
    );
  }
  let remaining = durationMs;
  for (const interval of countedIntervals(calendar, start, paused)) {
    const length = interval.to - interval.from;
    if (remaining <= length) return interval.from + remaining;
    remaining -= length;
  }
  throw new RapportError(
    'NO_WORKING_TIME',
    `the calendar has no working time for ${durationMs} ms within ${MAX_SCAN_DAYS} days of ${new Date(start).toISOString()}`,
    { details: { start, durationMs } },
  );
}

/** Business time in [from, to), not counting `paused` intervals (0 when `to <= from`). */
export function businessTimeBetween(
  calendar: BusinessHours,
  from: number,
  to: number,
  paused: readonly Interval[] = [],
): number {
  let total = 0;
  if (to <= from) return total;
  for (const working of workingIntervals(calendar, from)) {
    if (working.from >= to) break;
    for (const part of subtract({ from: working.from, to: Math.min(working.to, to) }, paused)) {
      total += part.to - part.from;
    }
  }
  return total;
}
