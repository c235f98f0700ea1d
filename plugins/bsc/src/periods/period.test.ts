import { describe, expect, it } from 'vitest';
import { isTimeZone, parsePeriod, periodAt, periodProblem, periodsSince, shiftPeriod } from './period.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('scorecard periods', () => {
  it('takes month bounds at local midnight across a spring-forward change (Berlin, March 2026)', () => {
    const march = parsePeriod('2026-03', 'month', 'Europe/Berlin');
    expect(iso(march.from)).toBe('2026-02-28T23:00:00.000Z'); // CET midnight
    expect(iso(march.to)).toBe('2026-03-31T22:00:00.000Z'); // CEST midnight
    expect((march.to - march.from) / 3_600_000).toBe(31 * 24 - 1);
  });

  it('takes month bounds across a fall-back change (New York, November 2026)', () => {
    const november = parsePeriod('2026-11', 'month', 'America/New_York');
    expect(iso(november.from)).toBe('2026-11-01T04:00:00.000Z'); // EDT midnight
    expect(iso(november.to)).toBe('2026-12-01T05:00:00.000Z'); // EST midnight
    expect((november.to - november.from) / 3_600_000).toBe(30 * 24 + 1);
  });

  it('places an instant in the period of its local date, not its UTC date', () => {
    // 22:30 UTC on 31 March is 00:30 on 1 April in Berlin (CEST).
    expect(periodAt(Date.parse('2026-03-31T22:30:00Z'), 'month', 'Europe/Berlin').key).toBe('2026-04');
    expect(periodAt(Date.parse('2026-03-31T22:30:00Z'), 'month', 'UTC').key).toBe('2026-03');
    expect(periodAt(Date.parse('2026-12-31T23:30:00Z'), 'quarter', 'Asia/Shanghai').key).toBe('2027-Q1');
    expect(periodAt(Date.parse('2026-12-31T23:30:00Z'), 'year', 'America/Los_Angeles').key).toBe('2026');
  });

  it('quarters and years follow one another without gaps', () => {
    const q4 = parsePeriod('2026-Q4', 'quarter', 'Europe/Berlin');
    const next = shiftPeriod(q4, 1, 'Europe/Berlin');
    expect(next.key).toBe('2027-Q1');
    expect(next.from).toBe(q4.to);
    expect(shiftPeriod(parsePeriod('2026-01', 'month', 'UTC'), -1, 'UTC').key).toBe('2025-12');
    expect(shiftPeriod(parsePeriod('2026', 'year', 'UTC'), -3, 'UTC').key).toBe('2023');
    expect(
      periodsSince(Date.parse('2026-02-10T00:00:00Z'), parsePeriod('2026-05', 'month', 'UTC'), 'UTC'),
    ).toBe(3);
  });

  it('names the expected form of a bad period key', () => {
    expect(periodProblem('2026-13', 'month')).toBe("must be a month like '2026-03', got '2026-13'");
    expect(periodProblem('2026-03', 'quarter')).toBe("must be a quarter like '2026-Q1', got '2026-03'");
    expect(periodProblem('2026', 'year')).toBeUndefined();
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
