import { describe, expect, it } from 'vitest';
import { quietUntil } from './quiet-hours.js';

const NIGHT = { start: '21:00', end: '08:00' };
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('quietUntil', () => {
  it('is undefined outside quiet hours and the local end inside them', () => {
    expect(quietUntil(Date.parse('2026-06-01T10:00:00Z'), 'Europe/Berlin', NIGHT)).toBeUndefined();
    expect(iso(quietUntil(Date.parse('2026-06-01T20:00:00Z'), 'Europe/Berlin', NIGHT))).toBe(
      '2026-06-02T06:00:00.000Z',
    );
    expect(iso(quietUntil(Date.parse('2026-06-02T03:00:00Z'), 'Europe/Berlin', NIGHT))).toBe(
      '2026-06-02T06:00:00.000Z',
    );
    expect(quietUntil(Date.parse('2026-06-02T06:00:00Z'), 'Europe/Berlin', NIGHT)).toBeUndefined();
  });

  it('ends at 08:00 local on the nights the clocks change (Berlin and New York, both ways)', () => {
    // Spring forward, Berlin 2026-03-29: 22:30 CET on the 28th ends at 08:00 CEST = 06:00Z (a 9½-hour night).
    expect(iso(quietUntil(Date.parse('2026-03-28T21:30:00Z'), 'Europe/Berlin', NIGHT))).toBe(
      '2026-03-29T06:00:00.000Z',
    );
    // Fall back, Berlin 2026-10-25: 22:30 CEST on the 24th ends at 08:00 CET = 07:00Z.
    expect(iso(quietUntil(Date.parse('2026-10-24T20:30:00Z'), 'Europe/Berlin', NIGHT))).toBe(
      '2026-10-25T07:00:00.000Z',
    );
    // New York 2026-03-08 and 2026-11-01.
    expect(iso(quietUntil(Date.parse('2026-03-08T03:00:00Z'), 'America/New_York', NIGHT))).toBe(
      '2026-03-08T12:00:00.000Z',
    );
    expect(iso(quietUntil(Date.parse('2026-11-01T02:00:00Z'), 'America/New_York', NIGHT))).toBe(
      '2026-11-01T13:00:00.000Z',
    );
    // In the repeated hour itself (01:30 EST, the second one) it still ends at 08:00 EST.
    expect(iso(quietUntil(Date.parse('2026-11-01T06:30:00Z'), 'America/New_York', NIGHT))).toBe(
      '2026-11-01T13:00:00.000Z',
    );
  });

  it('moves an end the clocks skip forward past the gap', () => {
    const until = quietUntil(Date.parse('2026-03-28T23:30:00Z'), 'Europe/Berlin', {
      start: '23:00',
      end: '02:30',
    });
    expect(iso(until)).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST: 02:30 does not exist that night
  });

  it('handles a window within one day', () => {
    const lunch = { start: '12:00', end: '14:00' };
    expect(iso(quietUntil(Date.parse('2026-06-01T11:00:00Z'), 'Europe/Berlin', lunch))).toBe(
      '2026-06-01T12:00:00.000Z',
    );
    expect(quietUntil(Date.parse('2026-06-01T09:00:00Z'), 'Europe/Berlin', lunch)).toBeUndefined();
  });
});
