import { describe, expect, it } from 'vitest';
import { expectedPurchases, fitBgNbd, pAlive } from './bg-nbd.js';
import { discountedValue } from './clv.js';
import { FutureValueFitError } from './fit-error.js';
import { fitGammaGamma } from './gamma-gamma.js';
import { LOG_BOUND, nelderMead, withinLogBounds } from './nelder-mead.js';

// A deterministic generator, so the properties sweep many histories reproducibly.
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('BG/NBD properties', () => {
  const random = lcg(42);
  const cases = Array.from({ length: 500 }, () => {
    const params = {
      r: 0.05 + random() * 3,
      alpha: 0.5 + random() * 20,
      a: 0.1 + random() * 3,
      b: 0.1 + random() * 5,
    };
    const T = 1 + random() * 100;
    const x = Math.floor(random() * 30);
    const tx = x === 0 ? 0 : random() * T;
    return { params, x, tx, T };
  });

  it('P(alive) lies in [0, 1] and falls as the time since the last purchase grows', () => {
    for (const { params, x, tx, T } of cases) {
      const p = pAlive(params, x, tx, T);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
      if (x > 0) expect(pAlive(params, x, tx, T + 10)).toBeLessThanOrEqual(p);
    }
  });

  it('expected purchases are never negative and grow with the horizon', () => {
    for (const { params, x, tx, T } of cases) {
      const in10 = expectedPurchases(params, 10, x, tx, T);
      expect(in10).toBeGreaterThanOrEqual(0);
      expect(expectedPurchases(params, 52, x, tx, T)).toBeGreaterThanOrEqual(in10 - 1e-9);
      expect(discountedValue(params, 50, { x, tx, T }, 52, 0.1)).toBeGreaterThanOrEqual(0);
    }
  });

  it('discounting lowers the lifetime value', () => {
    const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const h = { x: 4, tx: 30, T: 38 };
    expect(discountedValue(params, 40, h, 104, 0.15)).toBeLessThan(discountedValue(params, 40, h, 104, 0));
  });
});

describe('refusals', () => {
  const one = (n: number, x: number) => ({
    x: Array.from({ length: n }, () => x),
    tx: Array.from({ length: n }, () => (x > 0 ? 5 : 0)),
    T: Array.from({ length: n }, () => 10),
  });
  const codeOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return error instanceof FutureValueFitError ? error.code : 'other';
    }
    return 'none';
  };

  it('refuses too few customers, no repeat buyers and impossible histories with stable codes', () => {
    expect(codeOf(() => fitBgNbd(one(10, 1)))).toBe('FUTURE_VALUE_TOO_FEW_CUSTOMERS');
    expect(codeOf(() => fitBgNbd(one(100, 0)))).toBe('FUTURE_VALUE_NO_REPEAT_BUYERS');
    expect(codeOf(() => fitBgNbd({ x: [1], tx: [20], T: [10] }))).toBe('FUTURE_VALUE_BAD_INPUT');
    expect(codeOf(() => fitGammaGamma({ x: [0, 0, 1], mean: [0, 0, 10] }))).toBe(
      'FUTURE_VALUE_NO_REPEAT_BUYERS',
    );
  });
});

describe('nelderMead', () => {
  it('finds the Rosenbrock minimum and reports when it runs out of iterations', () => {
    const rosenbrock = ([x = 0, y = 0]: number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
    const found = nelderMead(rosenbrock, [-1.2, 1], { fTolerance: 1e-14, xTolerance: 1e-10 });
    expect(found.converged).toBe(true);
    expect(found.x[0]).toBeCloseTo(1, 5);
    expect(found.x[1]).toBeCloseTo(1, 5);
    expect(nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 3 }).converged).toBe(false);
  });

  it('settles at the bound when the objective keeps improving towards infinity', () => {
    const found = nelderMead(
      withinLogBounds(([v = 0]) => Math.exp(-v)),
      [0],
    );
    expect(found.converged).toBe(true);
    expect(found.x[0]).toBeCloseTo(LOG_BOUND, 3);
  });
});
