import { describe, expect, it } from 'vitest';
import { lift } from './lift.js';

describe('lift against the control group', () => {
  it('matches a hand computation', () => {
    // pₜ = 120/1000 = 0.12, p꜀ = 80/1000 = 0.08, difference 0.04;
    // se = √(0.12·0.88/1000 + 0.08·0.92/1000) = √0.0001792 = 0.0133866; 1.96·se = 0.0262374
    const result = lift({ members: 1000, converted: 120 }, { members: 1000, converted: 80 });
    expect(result?.absolute).toBeCloseTo(0.04, 10);
    expect(result?.relative).toBeCloseTo(0.5, 10);
    expect(result?.ci95[0]).toBeCloseTo(0.013763, 5);
    expect(result?.ci95[1]).toBeCloseTo(0.066237, 5);
    expect(result?.significant).toBe(true);
  });

  it('is not significant when the interval spans zero, and absent without a control group', () => {
    // pₜ = 0.11 (11/100), p꜀ = 0.1 (2/20): se = √(0.11·0.89/100 + 0.1·0.9/20) = √0.005479 = 0.074020
    const result = lift({ members: 100, converted: 11 }, { members: 20, converted: 2 });
    expect(result?.absolute).toBeCloseTo(0.01, 10);
    expect(result?.ci95[0]).toBeCloseTo(0.01 - 1.959964 * 0.07402, 4);
    expect(result?.significant).toBe(false);
    expect(lift({ members: 100, converted: 5 }, { members: 0, converted: 0 })).toBeNull();
    expect(lift({ members: 10, converted: 1 }, { members: 10, converted: 0 })?.relative).toBeNull();
  });
});
