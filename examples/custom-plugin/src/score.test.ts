import { describe, expect, it } from 'vitest';
import { netPromoterScore, npsCategory } from './score.js';

describe('NPS arithmetic', () => {
  it('counts 9–10 as promoters, 7–8 as passives and 0–6 as detractors', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsCategory)).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
  });

  it('is % promoters − % detractors, rounded, from −100 to 100, and null without answers', () => {
    expect(netPromoterScore({ promoters: 0, passives: 0, detractors: 0 })).toBeNull();
    expect(netPromoterScore({ promoters: 5, passives: 0, detractors: 0 })).toBe(100);
    expect(netPromoterScore({ promoters: 0, passives: 0, detractors: 3 })).toBe(-100);
    expect(netPromoterScore({ promoters: 0, passives: 4, detractors: 0 })).toBe(0);
    expect(netPromoterScore({ promoters: 3, passives: 1, detractors: 2 })).toBe(17); // 50% − 33.3%
    expect(netPromoterScore({ promoters: 1, passives: 1, detractors: 1 })).toBe(0);
  });
});
