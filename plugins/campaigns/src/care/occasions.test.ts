import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { hourReached, isYearlyOn, localNow, monthDaysAround } from './occasions.js';

describe('care occasions', () => {
  it('keeps 29 February birthdays on 28 February in other years', () => {
    const on = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' });
    expect(isYearlyOn('02-29', on('2028-02-29T10:00:00'))).toBe(true);
    expect(isYearlyOn('02-29', on('2028-02-28T10:00:00'))).toBe(false); // a leap year has its own day
    expect(isYearlyOn('02-29', on('2027-02-28T10:00:00'))).toBe(true);
    expect(isYearlyOn('03-01', on('2027-02-28T10:00:00'))).toBe(false);
  });

  it('reads the local hour in the customer’s zone, falling back to the deployment’s', () => {
    const now = Date.parse('2026-03-29T07:00:00.000Z');
    expect(localNow(now, 'Europe/Berlin', 'UTC').hour).toBe(9); // CEST
    expect(localNow(now, 'Not/AZone', 'Asia/Shanghai').hour).toBe(15);
    expect(hourReached(localNow(now, 'Europe/Berlin', 'UTC'), 9)).toBe(true);
    expect(hourReached(localNow(now, 'Europe/London', 'UTC'), 9)).toBe(false); // 08:00 BST
  });

  it('names every day some zone is living on', () => {
    expect(monthDaysAround(Date.parse('2026-06-01T00:00:00.000Z'))).toEqual(['05-31', '06-01']);
    expect(monthDaysAround(Date.parse('2026-06-01T12:00:00.000Z'))).toEqual(['06-01', '06-02']);
  });
});
