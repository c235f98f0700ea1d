import { newId } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { drawValue, inControl, newSeed } from './control-draw.js';

describe('the control draw', () => {
  it('is reproducible from the seed and independent of order', () => {
    const seed = newSeed();
    const ids = Array.from({ length: 1_000 }, () => newId());
    const first = ids.filter((id) => inControl(seed, id, 0.2));
    const again = [...ids].reverse().filter((id) => inControl(seed, id, 0.2));
    expect(again.sort()).toEqual([...first].sort());
    const other = ids.filter((id) => inControl(newSeed(), id, 0.2));
    expect(other.sort()).not.toEqual([...first].sort());
  });

  it('holds back the share asked for, within binomial tolerance (5 standard deviations)', () => {
    const seed = 'fixed-seed';
    const n = 100_000;
    for (const share of [0.05, 0.1, 0.25, 0.5]) {
      let held = 0;
      for (let i = 0; i < n; i += 1) if (inControl(seed, `customer-${i}`, share)) held += 1;
      const sd = Math.sqrt(n * share * (1 - share));
      expect(Math.abs(held - n * share)).toBeLessThan(5 * sd);
    }
    expect(inControl(seed, 'anyone', 0)).toBe(false);
  });

  it('gives values spread evenly over [0, 1)', () => {
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 50_000; i += 1) buckets[Math.floor(drawValue('s', `c${i}`) * 10)] += 1;
    // chi-square with 9 degrees of freedom: 27.9 is the 0.999 quantile
    const chi = buckets.reduce((sum, observed) => sum + (observed - 5_000) ** 2 / 5_000, 0);
    expect(chi).toBeLessThan(27.9);
  });
});
