import { describe, expect, it } from 'vitest';
import { periodWhere, ratioOrNull } from './metric-kit.js';

describe('metric kit', () => {
  it('turns a period into a half-open ISO range', () => {
    const from = Date.UTC(2026, 0, 1);
    const to = Date.UTC(2026, 1, 1);
    expect(periodWhere({ from, to })).toEqual({
      gte: '2026-01-01T00:00:00.000Z',
      lt: '2026-02-01T00:00:00.000Z',
    });
  });

  it('divides, and has no value when there is nothing to measure', () => {
    expect(ratioOrNull(1, 4)).toBe(0.25);
    expect(ratioOrNull(0, 4)).toBe(0);
    expect(ratioOrNull(0, 0)).toBeNull();
  });
});
