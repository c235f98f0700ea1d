import { describe, expect, it } from 'vitest';
import { retryDelay } from './backoff.js';

describe('retry delays', () => {
  it('double per attempt up to the most, with a random half taken off', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, 10_000, 60_000, 0))).toEqual([
      5_000, 10_000, 20_000, 30_000,
    ]);
    expect([1, 2, 3, 4].map((n) => retryDelay(n, 10_000, 60_000, 0.999_999))).toEqual([
      10_000, 20_000, 40_000, 60_000,
    ]);
    expect(retryDelay(2, 10_000, 60_000, 0.5)).toBe(15_000);
    expect(retryDelay(40, 10_000, 60_000, 0.5)).toBe(45_000);
  });
});
