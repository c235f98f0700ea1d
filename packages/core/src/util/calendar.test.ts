import { describe, expect, it } from 'vitest';
import {
  type CalendarPeriod,
  calendarPeriod,
  isTimeZone,
  localDate,
  localMonth,
  nextPeriod,
  parseLocalTime,
  periodsInRange,
  previousPeriod,
  shiftPeriod,
  startOfLocalDate,
  timeZoneProblem,
} from './calendar.js';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
/** A period with its bounds as ISO strings, to read expectations at a glance. */
const shown = (p: CalendarPeriod) => ({
  label: p.label,
  from: new Date(p.from).toISOString(),
  to: new Date(p.to).toISOString(),
});

describe('calendarPeriod', () => {
  it('answers the whole period of each unit around an instant, labelled', () => {
    const instant = at('2026-12-03T10:00:00Z'); // a Thursday
    expect(shown(calendarPeriod(instant, 'day', 'UTC'))).toEqual({
      label: '2026-12-03',
      from: '2026-12-03T00:00:00.000Z',
      to: '2026-12-04T00:00:00.000Z',
    });
    expect(shown(calendarPeriod(instant, 'week', 'UTC'))).toEqual({
      label: '2026-W49',
      from: '2026-11-30T00:00:00.000Z', // Monday
      to: '2026-12-07T00:00:00.000Z',
    });
    expect(shown(calendarPeriod(instant, 'month', 'UTC')).label).toBe('2026-12');
    expect(shown(calendarPeriod(instant, 'quarter', 'UTC'))).toEqual({
      label: '2026-Q4',
      from: '2026-10-01T00:00:00.000Z',
      to: '2027-01-01T00:00:00.000Z',
    });
    expect(shown(calendarPeriod(instant, 'year', 'UTC'))).toEqual({
      label: '2026',
      from: '2026-01-01T00:00:00.000Z',
      to: '2027-01-01T00:00:00.000Z',
    });
    expect(calendarPeriod(instant, 'month', 'Europe/Berlin')).toMatchObject({
      unit: 'month',
      timeZone: 'Europe/Berlin',
    });
  });

  it('is local to the time zone: Q4 in Berlin starts at 22:00 UTC on 30 September', () => {
    expect(shown(calendarPeriod(at('2026-12-03T10:00:00Z'), 'quarter', 'Europe/Berlin'))).toEqual({
      label: '2026-Q4',
      from: '2026-09-30T22:00:00.000Z', // 00:00 CEST on 1 October
      to: '2026-12-31T23:00:00.000Z', // 00:00 CET on 1 January
    });
    // 23:30 local on 30 September is still Q3; 00:30 local on 1 October is Q4.
    expect(calendarPeriod(at('2026-09-30T21:30:00Z'), 'quarter', 'Europe/Berlin').label).toBe('2026-Q3');
    expect(calendarPeriod(at('2026-09-30T22:30:00Z'), 'quarter', 'Europe/Berlin').label).toBe('2026-Q4');
    // The same instants in UTC are both on 30 September.
    expect(calendarPeriod(at('2026-09-30T22:30:00Z'), 'quarter', 'UTC').label).toBe('2026-Q3');
    // West of UTC the local date lags: 02:00 UTC on 1 January is still 2026 in New York.
    expect(calendarPeriod(at('2027-01-01T02:00:00Z'), 'year', 'America/New_York').label).toBe('2026');
  });

  it('has 23- and 25-hour days and weeks around daylight-saving changes (Berlin)', () => {
    const spring = calendarPeriod(at('2026-03-29T12:00:00Z'), 'day', 'Europe/Berlin');
    expect(shown(spring)).toEqual({
      label: '2026-03-29',
      from: '2026-03-28T23:00:00.000Z',
      to: '2026-03-29T22:00:00.000Z',
    });
    expect(spring.to - spring.from).toBe(23 * HOUR);
    const autumn = calendarPeriod(at('2026-10-25T12:00:00Z'), 'day', 'Europe/Berlin');
    expect(autumn.to - autumn.from).toBe(25 * HOUR);
    const springWeek = calendarPeriod(at('2026-03-26T12:00:00Z'), 'week', 'Europe/Berlin');
    expect(shown(springWeek)).toEqual({
      label: '2026-W13',
      from: '2026-03-22T23:00:00.000Z', // Monday 23 March, 00:00 CET
      to: '2026-03-29T22:00:00.000Z', // Monday 30 March, 00:00 CEST
    });
    expect(springWeek.to - springWeek.from).toBe(7 * 24 * HOUR - HOUR);
    const autumnWeek = calendarPeriod(at('2026-10-25T12:00:00Z'), 'week', 'Europe/Berlin');
    expect(autumnWeek.label).toBe('2026-W43');
    expect(autumnWeek.to - autumnWeek.from).toBe(7 * 24 * HOUR + HOUR);
  });

  it('has 23- and 25-hour days and weeks around daylight-saving changes (New York)', () => {
    // Clocks go forward on Sunday 8 March 2026 and back on Sunday 1 November 2026.
    const spring = calendarPeriod(at('2026-03-08T17:00:00Z'), 'day', 'America/New_York');
    expect(shown(spring)).toEqual({
      label: '2026-03-08',
      from: '2026-03-08T05:00:00.000Z',
      to: '2026-03-09T04:00:00.000Z',
    });
    const springWeek = calendarPeriod(at('2026-03-08T17:00:00Z'), 'week', 'America/New_York');
    expect(shown(springWeek)).toEqual({
      label: '2026-W10',
      from: '2026-03-02T05:00:00.000Z',
      to: '2026-03-09T04:00:00.000Z',
    });
    const autumn = calendarPeriod(at('2026-11-01T17:00:00Z'), 'day', 'America/New_York');
    expect(autumn.to - autumn.from).toBe(25 * HOUR);
    const autumnWeek = calendarPeriod(at('2026-11-01T17:00:00Z'), 'week', 'America/New_York');
    expect(autumnWeek.label).toBe('2026-W44');
    expect(autumnWeek.to - autumnWeek.from).toBe(7 * 24 * HOUR + HOUR);
  });

  it('starts a day at its first instant where a daylight-saving change skips midnight', () => {
    // Santiago moves from 00:00 to 01:00 on 6 September 2026.
    const day = calendarPeriod(at('2026-09-06T12:00:00Z'), 'day', 'America/Santiago');
    expect(shown(day)).toEqual({
      label: '2026-09-06',
      from: '2026-09-06T04:00:00.000Z', // 01:00 -03:00
      to: '2026-09-07T03:00:00.000Z',
    });
    expect(nextPeriod(day).label).toBe('2026-09-07');
  });

  it('labels ISO weeks by their week-year at year ends', () => {
    // Friday 1 January 2027 belongs to week 53 of 2026; Monday 29 December 2025 to week 1 of 2026.
    expect(calendarPeriod(at('2027-01-01T12:00:00Z'), 'week', 'UTC').label).toBe('2026-W53');
    expect(calendarPeriod(at('2025-12-29T12:00:00Z'), 'week', 'UTC').label).toBe('2026-W01');
  });

  it('refuses an unknown time zone, unit or a non-finite instant with a coded error', () => {
    expect(() => calendarPeriod(0, 'month', 'Mars/Olympus')).toThrow(
      expect.objectContaining({
        code: 'INVALID_TIME_ZONE',
        message: expect.stringContaining("'Mars/Olympus' is not an IANA time zone name"),
      }),
    );
    expect(() => calendarPeriod(0, 'fortnight' as never, 'UTC')).toThrow(
      expect.objectContaining({ code: 'INVALID_CALENDAR_UNIT' }),
    );
    expect(() => calendarPeriod(Number.NaN, 'day', 'UTC')).toThrow(
      expect.objectContaining({ code: 'INVALID_TIME' }),
    );
  });
});

describe('next, previous and shifted periods', () => {
  it('step across year ends and daylight-saving changes', () => {
    const q4 = calendarPeriod(at('2026-11-15T12:00:00Z'), 'quarter', 'Europe/Berlin');
    const q1 = nextPeriod(q4);
    expect(shown(q1)).toEqual({
      label: '2027-Q1',
      from: '2026-12-31T23:00:00.000Z',
      to: '2027-03-31T22:00:00.000Z', // April starts in summer time
    });
    expect(previousPeriod(q1)).toEqual(q4);
    expect(shiftPeriod(q4, -4).label).toBe('2025-Q4');
    const march = calendarPeriod(at('2026-03-15T12:00:00Z'), 'day', 'Europe/Berlin');
    expect(shiftPeriod(march, 14).label).toBe('2026-03-29');
    expect(shiftPeriod(march, 15)).toMatchObject({ label: '2026-03-30', from: at('2026-03-29T22:00:00Z') });
    const lastWeek = calendarPeriod(at('2026-12-30T12:00:00Z'), 'week', 'UTC');
    expect(nextPeriod(lastWeek).label).toBe('2027-W01');
    expect(() => shiftPeriod(q4, 0.5)).toThrow(RangeError);
  });
});

describe('periodsInRange', () => {
  it('answers every period the range touches, first to last', () => {
    const months = periodsInRange(at('2026-11-20T00:00:00Z'), at('2027-01-10T00:00:00Z'), 'month', 'UTC');
    expect(months.map((p) => p.label)).toEqual(['2026-11', '2026-12', '2027-01']);
    // `to` is exclusive: a range ending at a period's start does not touch it.
    const quarters = periodsInRange(
      at('2026-09-30T22:00:00Z'),
      at('2026-12-31T23:00:00Z'),
      'quarter',
      'Europe/Berlin',
    );
    expect(quarters.map((p) => p.label)).toEqual(['2026-Q4']);
    expect(periodsInRange(at('2026-01-02T00:00:00Z'), at('2026-01-01T00:00:00Z'), 'day', 'UTC')).toEqual([]);
  });

  it('stops at the limit with a coded error', () => {
    expect(() => periodsInRange(0, at('2026-01-01T00:00:00Z'), 'day', 'UTC', 100)).toThrow(
      expect.objectContaining({ code: 'PERIOD_LIMIT' }),
    );
    expect(periodsInRange(0, 100 * 86_400_000, 'day', 'UTC', 100)).toHaveLength(100);
  });
});

describe('local dates', () => {
  it('gives the local date and month of an instant', () => {
    // 23:30 on 31 December in Berlin is 22:30 UTC; 00:30 on 1 January is 23:30 UTC on the 31st.
    expect(localDate(at('2026-12-31T22:30:00Z'), 'Europe/Berlin')).toBe('2026-12-31');
    expect(localDate(at('2026-12-31T23:30:00Z'), 'Europe/Berlin')).toBe('2027-01-01');
    expect(localMonth(at('2026-12-31T23:30:00Z'), 'Europe/Berlin')).toBe('2027-01');
    expect(localMonth(at('2026-12-31T23:30:00Z'), 'UTC')).toBe('2026-12');
    expect(localMonth(at('2026-03-01T03:00:00Z'), 'America/New_York')).toBe('2026-02');
  });

  it('finds where a local date begins', () => {
    expect(startOfLocalDate('2026-10-01', 'Europe/Berlin')).toBe(at('2026-09-30T22:00:00Z'));
    expect(startOfLocalDate('2026-01-01', 'America/New_York')).toBe(at('2026-01-01T05:00:00Z'));
    expect(() => startOfLocalDate('2026-02-30', 'UTC')).toThrow(
      expect.objectContaining({ code: 'INVALID_TIME' }),
    );
    expect(() => startOfLocalDate('1 May', 'UTC')).toThrow(expect.objectContaining({ code: 'INVALID_TIME' }));
  });

  it('reads dates as local dates, offset-less times as local wall time, and times with an offset as given', () => {
    const berlin = 'Europe/Berlin';
    expect(parseLocalTime('2026-10-01', berlin)).toBe(at('2026-09-30T22:00:00Z'));
    expect(parseLocalTime('2026-10-01T09:30', berlin)).toBe(at('2026-10-01T07:30:00Z'));
    expect(parseLocalTime('2026-10-01T09:30:15.250', berlin)).toBe(at('2026-10-01T07:30:15.250Z'));
    expect(parseLocalTime('2026-10-01T09:30:00Z', berlin)).toBe(at('2026-10-01T09:30:00Z'));
    expect(parseLocalTime('2026-10-01T09:30:00-04:00', berlin)).toBe(at('2026-10-01T13:30:00Z'));
    // 02:30 does not exist on 29 March in Berlin: it moves forward by the hour skipped.
    expect(parseLocalTime('2026-03-29T02:30', berlin)).toBe(at('2026-03-29T01:30:00Z'));
    for (const bad of [
      'yesterday',
      '2026-13-01',
      '2026-02-30',
      '2026-W49',
      '2026-10-01T25:00',
      '',
      '1714000000',
    ]) {
      expect(parseLocalTime(bad, berlin)).toBeUndefined();
    }
  });
});

describe('timeZoneProblem', () => {
  it('accepts IANA names and names what is wrong otherwise', () => {
    for (const zone of ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Etc/GMT+5']) {
      expect(timeZoneProblem(zone)).toBeUndefined();
      expect(isTimeZone(zone)).toBe(true);
    }
    expect(timeZoneProblem('Mars/Olympus')).toBe(
      "'Mars/Olympus' is not an IANA time zone name (such as 'Europe/Berlin', 'America/New_York' or 'UTC')",
    );
    expect(timeZoneProblem('+02:00')).toMatch(/is not an IANA time zone name/);
    expect(timeZoneProblem('')).toMatch(/got an empty string/);
    expect(timeZoneProblem(2)).toMatch(/got number/);
    expect(isTimeZone(undefined)).toBe(false);
  });
});
