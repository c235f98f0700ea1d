import { ValidationError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { priceLines, roundHalfEvenDiv, weightedAmount } from './money.js';

describe('weightedAmount', () => {
  it('rounds half to even, per deal, in integer minor units', () => {
    expect(weightedAmount(1_001, 50)).toBe(500); // 500.5 → 500
    expect(weightedAmount(1_003, 50)).toBe(502); // 501.5 → 502
    expect(weightedAmount(333, 25)).toBe(83); // 83.25
    expect(weightedAmount(335, 10)).toBe(34); // 33.5 → 34
    expect(weightedAmount(345, 10)).toBe(34); // 34.5 → 34
    expect(weightedAmount(999, 33)).toBe(330); // 329.67
    expect(weightedAmount(0, 80)).toBe(0);
    expect(weightedAmount(2_000_000, 100)).toBe(2_000_000);
  });

  it('stays exact at the largest amount', () => {
    expect(weightedAmount(90_071_992_547_409, 99)).toBe(89_171_272_621_935); // …934.91 → …935
  });

  it('divides with half-to-even for negative numbers too', () => {
    expect(roundHalfEvenDiv(-5n, 2n)).toBe(-2);
    expect(roundHalfEvenDiv(-7n, 2n)).toBe(-4);
    expect(roundHalfEvenDiv(2_500_000n, 3n)).toBe(833_333);
  });
});

describe('priceLines', () => {
  it('prices each line and totals them', () => {
    const { lines, total } = priceLines('deal', [
      { product: 'seat', quantity: 20, unitPrice: { amount: 50_00, currency: 'EUR' } },
      { product: 'setup', quantity: 1, unitPrice: { amount: 999_00, currency: 'EUR' } },
    ]);
    expect(lines.map((l) => l.amount)).toEqual([
      { amount: 1_000_00, currency: 'EUR' },
      { amount: 999_00, currency: 'EUR' },
    ]);
    expect(total).toEqual({ amount: 1_999_00, currency: 'EUR' });
  });

  it('refuses lines in several currencies, naming the line', () => {
    expect(() =>
      priceLines('order', [
        { product: 'a', quantity: 1, unitPrice: { amount: 1, currency: 'EUR' } },
        { product: 'b', quantity: 1, unitPrice: { amount: 1, currency: 'USD' } },
      ]),
    ).toThrow(ValidationError);
    try {
      priceLines('order', [
        { product: 'a', quantity: 1, unitPrice: { amount: 1, currency: 'EUR' } },
        { product: 'b', quantity: 1, unitPrice: { amount: 1, currency: 'USD' } },
      ]);
    } catch (error) {
      expect((error as ValidationError).errors[0]).toMatchObject({
        path: 'lines.1.unitPrice.currency',
        rule: 'sales.currency',
      });
    }
  });
});
