import { describe, expect, it } from 'vitest';
import { RapportError } from '../errors.js';
import { localDate } from '../util/calendar.js';
import { cronSchedule } from './cron-schedule.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const NOW = at('2026-01-01T00:00:00Z');

/** Every slot start in [from, to), following `slotAfter`. */
function slotsBetween(expression: string, timeZone: string, from: string, to: string): string[] {
  const schedule = cronSchedule(expression, timeZone, NOW);
  const slots: string[] = [];
  for (let slot = schedule.slotAfter(at(from) - 1); slot !== undefined && slot < at(to); ) {
    slots.push(iso(slot) as string);
    slot = schedule.slotAfter(slot);
  }
  return slots;
}

describe('cronSchedule', () => {
  it('counts a run exactly at now as the current slot, and the next one strictly after', () => {
    const schedule = cronSchedule('0 9 * * *', 'UTC', NOW);
    const nine = at('2026-03-01T09:00:00Z');
    expect(iso(schedule.slotAt(nine))).toBe('2026-03-01T09:00:00.000Z');
    expect(iso(schedule.slotAt(nine - 1))).toBe('2026-02-28T09:00:00.000Z');
    expect(iso(schedule.slotAfter(nine))).toBe('2026-03-02T09:00:00.000Z');
    expect(iso(schedule.slotAfter(nine - 1))).toBe('2026-03-01T09:00:00.000Z');
    expect(schedule.description).toEqual({ kind: 'cron', expression: '0 9 * * *', timeZone: 'UTC' });
  });

  it('reads the expression on the wall clock of its zone', () => {
    expect(slotsBetween('0 9 * * *', 'Asia/Tokyo', '2026-06-01T00:00:00Z', '2026-06-03T00:00:00Z')).toEqual([
      '2026-06-01T00:00:00.000Z',
      '2026-06-02T00:00:00.000Z',
    ]);
  });

  it('agrees going back and going forward across a daylight-saving change', () => {
    // The latest slot at or before each slot is that slot: no run is seen twice or skipped.
    for (const [expression, timeZone, from, to] of [
      ['30 2 * * *', 'Europe/Berlin', '2026-03-27T00:00:00Z', '2026-04-01T00:00:00Z'],
      ['30 1 * * *', 'America/New_York', '2026-10-30T00:00:00Z', '2026-11-04T00:00:00Z'],
      ['30 * * * *', 'Europe/Berlin', '2026-10-24T20:00:00Z', '2026-10-25T06:00:00Z'],
    ] as const) {
      const schedule = cronSchedule(expression, timeZone, NOW);
      for (const slot of slotsBetween(expression, timeZone, from, to)) {
        expect(iso(schedule.slotAt(at(slot))), `${expression} ${timeZone} ${slot}`).toBe(slot);
        expect(iso(schedule.slotAt(at(slot) + 59_000)), `${expression} ${timeZone} ${slot}`).toBe(slot);
      }
    }
  });

  it('runs an hourly expression at every real hour: 23 on a spring-forward day, 25 on a fall-back day', () => {
    const spring = slotsBetween('0 * * * *', 'Europe/Berlin', '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z');
    const fall = slotsBetween('0 * * * *', 'Europe/Berlin', '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z');
    expect(spring).toHaveLength(23);
    expect(fall).toHaveLength(25);
    // Both 02:00 of the fall-back night (CEST, then CET) are distinct instants an hour apart.
    expect(fall).toContain('2026-10-25T00:00:00.000Z');
    expect(fall).toContain('2026-10-25T01:00:00.000Z');
  });

  it('understands L: the last day of each month, leap years included', () => {
    const slots = slotsBetween('0 0 L * *', 'Europe/Berlin', '2028-01-15T00:00:00Z', '2028-05-15T00:00:00Z');
    expect(slots.map((slot) => localDate(at(slot), 'Europe/Berlin'))).toEqual([
      '2028-01-31',
      '2028-02-29',
      '2028-03-31',
      '2028-04-30',
    ]);
  });

  it('refuses a bad expression, a seconds field, an unknown zone and a date that never comes, naming each', () => {
    const problem = (expression: string, timeZone = 'UTC') => {
      try {
        cronSchedule(expression, timeZone, NOW);
      } catch (error) {
        expect(error).toBeInstanceOf(RapportError);
        expect((error as RapportError).code).toBe('INVALID_SCHEDULE');
        return (error as Error).message;
      }
      return undefined;
    };
    expect(problem('0 25 * * *')).toBe(
      "cron expression '0 25 * * *' is not valid: Invalid value for hour: 25 (five fields: minute hour day-of-month month day-of-week)",
    );
    expect(problem('0 0 9 * * *')).toMatch(/^cron expression '0 0 9 \* \* \*' is not valid: .*5 parts/);
    expect(problem('every morning')).toMatch(/^cron expression 'every morning' is not valid/);
    expect(problem('  ')).toBe(
      'cron expression must be a non-empty string of five fields (minute hour day-of-month month day-of-week), got "  "',
    );
    expect(problem('0 9 * * *', 'Europe/Berlim')).toBe(
      "timeZone 'Europe/Berlim' is not an IANA time zone name (such as 'Europe/Berlin', 'America/New_York' or 'UTC')",
    );
    expect(problem('0 0 30 2 *')).toBe(
      "cron expression '0 0 30 2 *' names no date after 2026-01-01T00:00:00.000Z",
    );
    expect(problem('0 9 * * 1-5')).toBeUndefined();
    expect(problem('@daily')).toBeUndefined();
  });
});
