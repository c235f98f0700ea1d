import { Cron } from 'croner';
import { RapportError } from '../errors.js';
import { timeZoneProblem } from '../util/calendar.js';
import type { SlotSchedule } from './job-schedule.js';

const FIELDS = 'minute hour day-of-month month day-of-week';

/**
 * Slots at the instants a five-field cron expression (`minute hour day-of-month month
 * day-of-week`, or `@daily`, `@weekly`, `@monthly`, `@yearly`, `@hourly`) names on the wall clock
 * of an IANA time zone, read by croner. Day-of-month and day-of-week combine with OR when both
 * are restricted, as in Vixie cron; `L` (last day of the month, last weekday `5L`), `W` and `#`
 * are understood.
 *
 * Daylight saving: a job whose minute and hour fields hold no `*` or step (`30 2 * * *`,
 * `0 9,17 * * *`) is a fixed-time job. When the clock springs forward over its time it runs
 * once, at the first instant after the gap (03:00 for 02:30 in Europe/Berlin); when the clock
 * falls back and its time happens twice it runs once, at the first occurrence. Other jobs
 * (`30 * * * *`, a step in the minute field) follow real time: they skip wall times that do not exist and
 * run at both instants of a repeated one, since those are different instants an hour apart.
 *
 * Throws `INVALID_SCHEDULE` naming the expression or the time zone when either is unusable,
 * and when the expression names no date after `now` (`0 0 30 2 *`).
 */
export function cronSchedule(expression: string, timeZone: string, now: number): SlotSchedule {
  if (typeof expression !== 'string' || expression.trim() === '') {
    throw new RapportError(
      'INVALID_SCHEDULE',
      `cron expression must be a non-empty string of five fields (${FIELDS}), got ${JSON.stringify(expression) ?? typeof expression}`,
      { details: { expression: String(expression) } },
    );
  }
  const zoneProblem = timeZoneProblem(timeZone);
  if (zoneProblem) {
    throw new RapportError('INVALID_SCHEDULE', `timeZone ${zoneProblem}`, {
      details: { timeZone: String(timeZone) },
    });
  }
  let cron: Cron;
  try {
    cron = new Cron(expression, {
      mode: '5-part',
      timezone: timeZone,
      fixedTimeRule: 'no-wildcard',
      paused: true,
    });
  } catch (cause) {
    const reason = String((cause as Error).message ?? cause).replace(/^CronPattern:\s*/, '');
    throw new RapportError(
      'INVALID_SCHEDULE',
      `cron expression '${expression}' is not valid: ${reason} (five fields: ${FIELDS})`,
      { details: { expression }, cause },
    );
  }
  if (cron.nextRun(new Date(now)) === null) {
    throw new RapportError(
      'INVALID_SCHEDULE',
      `cron expression '${expression}' names no date after ${new Date(now).toISOString()}`,
      { details: { expression } },
    );
  }
  return {
    description: { kind: 'cron', expression, timeZone },
    // croner includes a run earlier in the same second as the reference, and runs fall on whole
    // minutes, so `now + 1` makes a run exactly at `now` count as the latest one.
    slotAt: (at) => cron.previousRuns(1, new Date(at + 1))[0]?.getTime(),
    slotAfter: (at) => cron.nextRun(new Date(at))?.getTime() ?? undefined,
  };
}
