import type { RfmScore } from '../entities/customer.js';

/** What RFM scoring needs per customer (only customers with purchases in the window). */
export interface RfmInput {
  customerId: string;
  /** Latest purchase (epoch ms): more recent scores higher. */
  lastPurchaseAt: number;
  /** Purchases in the window. */
  frequency: number;
  /** Net value in the window (minor units). */
  monetary: number;
}

/**
 * Quintile scores 1–5 of a list of values where higher is better. A value's score is
 * `1 + floor(5 × (number of values strictly lower) / n)`: the bottom fifth scores 1, the top
 * fifth 5, and equal values always score the same (the lower quintile they reach into).
 */
export function quintileScores(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return values.map((value) => {
    // number of values strictly lower = index of the first occurrence in the sorted list
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(5, 1 + Math.floor((5 * lo) / n));
  });
}

/**
 * RFM scores in quintiles over the given customers: Recency (latest purchase, more recent is
 * better), Frequency (purchases in the window) and Monetary (net value in the window), each
 * 1–5 by {@link quintileScores}; `code` is the three digits (`'545'`).
 *
 * @example
 * ```ts
 * scoreRfm(inputs).get(customerId); // { r: 5, f: 4, m: 5, code: '545' }
 * ```
 */
export function scoreRfm(customers: readonly RfmInput[]): Map<string, RfmScore> {
  const r = quintileScores(customers.map((c) => c.lastPurchaseAt));
  const f = quintileScores(customers.map((c) => c.frequency));
  const m = quintileScores(customers.map((c) => c.monetary));
  const scores = new Map<string, RfmScore>();
  customers.forEach((customer, i) => {
    const score = { r: r[i] as number, f: f[i] as number, m: m[i] as number };
    scores.set(customer.customerId, { ...score, code: `${score.r}${score.f}${score.m}` });
  });
  return scores;
}
