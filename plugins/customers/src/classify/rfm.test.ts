import { describe, expect, it } from 'vitest';
import { RFM_DATASET } from '../test-support/rfm-dataset.js';
import { quintileScores, scoreRfm } from './rfm.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-30T00:00:00Z');

describe('quintileScores', () => {
  it('gives each fifth of ten distinct values its score', () => {
    expect(quintileScores([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it('scores equal values alike, by the lowest quintile they reach into', () => {
    // sorted 1 1 1 1 2 3 3 5 8 12: counts below = 0 → 1; 4 → 3; 5 → 3; 7 → 4; 8, 9 → 5
    expect(quintileScores([12, 3, 3, 8, 1, 1, 1, 5, 2, 1])).toEqual([5, 3, 3, 5, 1, 1, 1, 4, 3, 1]);
  });

  it('copes with one customer and with everyone equal', () => {
    expect(quintileScores([7])).toEqual([1]);
    expect(quintileScores([3, 3, 3])).toEqual([1, 1, 1]);
    expect(quintileScores([1, 2])).toEqual([1, 3]);
  });
});

describe('scoreRfm', () => {
  it('scores the hand-computed dataset exactly', () => {
    const scores = scoreRfm(
      RFM_DATASET.map(([daysAgo, frequency, monetary], i) => ({
        customerId: `c${i}`,
        lastPurchaseAt: NOW - daysAgo * DAY,
        frequency,
        monetary,
      })),
    );
    expect(RFM_DATASET.map((_, i) => scores.get(`c${i}`)?.code)).toEqual(RFM_DATASET.map((row) => row[3]));
    expect(scores.get('c1')).toEqual({ r: 5, f: 3, m: 4, code: '534' });
  });
});
