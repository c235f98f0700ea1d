import { describe, expect, it } from 'vitest';
import { readMetricPeriod } from './metric-period.js';

const iso = (ms: number) => new Date(ms).toISOString();
const now = Date.parse('2026-12-02T16:00:00Z');

describe('readMetricPeriod', () => {
  it('is the last 30 days up to now by default', () => {
    const { from, to } = readMetricPeriod({}, now, 'UTC');
    expect([iso(from), iso(to)]).toEqual(['2026-11-02T16:00:00.000Z', '2026-12-02T16:00:00.000Z']);
  });

  it('takes a whole calendar unit in the deployment time zone', () => {
    const quarter = readMetricPeriod({ period: 'quarter' }, now, 'Europe/Berlin');
    expect([iso(quarter.from), iso(quarter.to), quarter.unit]).toEqual([
      '2026-09-30T22:00:00.000Z',
      '2026-12-31T23:00:00.000Z',
      'quarter',
    ]);
    const month = readMetricPeriod({ period: 'month', at: '2026-03-29' }, now, 'Europe/Berlin');
    // March 2026 in Berlin: the clocks go forward on the 29th; the month still ends at local midnight.
    expect([iso(month.from), iso(month.to)]).toEqual([
      '2026-02-28T23:00:00.000Z',
      '2026-03-31T22:00:00.000Z',
    ]);
    const year = readMetricPeriod(
      { period: 'year', at: '2026-12-31T23:30:00-05:00' },
      now,
      'America/New_York',
    );
    expect(iso(year.from)).toBe('2026-01-01T05:00:00.000Z');
  });

  it('reads bare dates as local midnight and times without an offset as local time', () => {
    const { from, to } = readMetricPeriod(
      { from: '2026-10-01', to: '2026-10-01T12:00' },
      now,
      'Asia/Shanghai',
    );
    expect([iso(from), iso(to)]).toEqual(['2026-09-30T16:00:00.000Z', '2026-10-01T04:00:00.000Z']);
    expect(readMetricPeriod({ from: '0', to: '1000' }, now, 'UTC')).toEqual({ from: 0, to: 1000 });
  });

  it.each([
    [{ period: 'fortnight' }, 'period', 'period must be one of day, week, month, quarter, year'],
    [{ period: 'month', from: '2026-01-01' }, 'period', 'not both'],
    [{ at: '2026-01-01' }, 'at', 'at goes with period'],
    [{ period: 'month', at: 'soon' }, 'at', "got 'soon'"],
    [{ from: '2026-13-01' }, 'from', "got '2026-13-01'"],
    [{ to: ['1', '2'] }, 'to', 'single date'],
  ])('refuses %j naming %s', (params, field, message) => {
    expect(() => readMetricPeriod(params, now, 'UTC')).toThrow(
      expect.objectContaining({ code: 'INVALID_QUERY', details: { field, rule: 'period' } }),
    );
    expect(() => readMetricPeriod(params, now, 'UTC')).toThrow(message);
  });
});
