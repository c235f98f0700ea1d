import { type Duration, toMilliseconds } from '../util/duration.js';

/**
 * When a job runs, as `kernel.jobs.list()` shows it: every `intervalMs` milliseconds (slots
 * aligned to the Unix epoch), or at the instants a cron expression names on the wall clock
 * of `timeZone`.
 */
export type JobSchedule =
  | { kind: 'interval'; intervalMs: number }
  | { kind: 'cron'; expression: string; timeZone: string };

/** Options of `ctx.jobs.cron`. */
export interface CronJobOptions {
  /** The IANA time zone whose wall clock the expression is read in; defaults to `ctx.timeZone`. */
  timeZone?: string;
}

/**
 * How a job's time is cut into slots. A slot is named by its start, the scheduled instant: a
 * job runs at most once per slot, and after downtime only for the latest slot it missed.
 */
export interface SlotSchedule {
  readonly description: JobSchedule;
  /** The start of the latest slot at or before `now` (epoch ms); `undefined` when there is none. */
  slotAt(now: number): number | undefined;
  /** The start of the first slot after `now` (epoch ms); `undefined` when there is none. */
  slotAfter(now: number): number | undefined;
}

/** Slots of a fixed length, aligned to the Unix epoch; throws a `RangeError` for a bad duration. */
export function intervalSchedule(interval: Duration | string): SlotSchedule {
  const intervalMs = toMilliseconds(interval);
  return {
    description: { kind: 'interval', intervalMs },
    slotAt: (now) => Math.floor(now / intervalMs) * intervalMs,
    slotAfter: (now) => (Math.floor(now / intervalMs) + 1) * intervalMs,
  };
}
