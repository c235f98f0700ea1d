import { describe, expect, it } from 'vitest';
import { hypergeometric2F1, lnBeta, lnGamma, logAddExp } from './special.js';

describe('special functions against reference values', () => {
  it('ln Γ matches exact factorials and Γ(½) = √π, and stays finite for huge arguments', () => {
    expect(lnGamma(1)).toBe(0);
    expect(lnGamma(11)).toBeCloseTo(Math.log(3628800), 12);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    // Stirling: ln Γ(1e6) = 12815504.569147611...
    expect(lnGamma(1e6)).toBeCloseTo(12815504.569147611, 6);
  });

  it('ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), also where Γ overflows', () => {
    expect(lnBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
    expect(lnBeta(500, 700)).toBeCloseTo(lnGamma(500) + lnGamma(700) - lnGamma(1200), 8);
  });

  it('₂F₁ matches its closed forms', () => {
    const z = 0.7;
    expect(hypergeometric2F1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 12);
    expect(hypergeometric2F1(2.5, 3, 3, z)).toBeCloseTo((1 - z) ** -2.5, 10);
    expect(hypergeometric2F1(0.5, 0.5, 1.5, z * z)).toBeCloseTo(Math.asin(z) / z, 12);
    expect(hypergeometric2F1(1, 2, 3, 0)).toBe(1);
  });

  it('logAddExp does not overflow', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.log(2), 12);
    expect(logAddExp(Number.NEGATIVE_INFINITY, 3)).toBe(3);
  });
});
