import { computed, fieldError, integerBetween, type JsonSchemaObject, money, text } from '@rapport/core';
import type { Money } from '@rapport/plugin-customers';

export type { Money };

/** The largest amount (minor units) a sales record holds: amount × 100 stays exact in a double. */
export const MAX_AMOUNT = 90_071_992_547_409;

/** A non-negative {@link Money} (deal amounts, prices, order totals): integer minor units. */
export const AMOUNT_SCHEMA: JsonSchemaObject = money({
  minimum: 0,
  maximum: MAX_AMOUNT,
  description: 'Integer minor units (cents, fen); never negative.',
});

/**
 * `amount × percent / 100` in integer minor units, rounded half to even (banker's rounding), so
 * rounding errors do not drift one way over many deals. Exact for every amount up to
 * {@link MAX_AMOUNT} (computed with BigInt).
 *
 * @example
 * ```ts
 * weightedAmount(1_001, 50); // 500 (500.5 → even)
 * weightedAmount(1_003, 50); // 502 (501.5 → even)
 * weightedAmount(333, 10);   // 33  (33.3)
 * ```
 */
export function weightedAmount(amount: number, percent: number): number {
  return roundHalfEvenDiv(BigInt(amount) * BigInt(percent), 100n);
}

/** `numerator / denominator` rounded half to even; both integers, denominator > 0. */
export function roundHalfEvenDiv(numerator: bigint, denominator: bigint): number {
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  let quotient = n / denominator;
  const twice = (n % denominator) * 2n;
  if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) quotient += 1n;
  return Number(negative ? -quotient : quotient);
}

/** One line of a deal or an order: a product, a quantity and a unit price; `amount` is computed. */
export interface SalesLine {
  product: string;
  description?: string;
  /** Positive integer. */
  quantity: number;
  unitPrice: Money;
  /** Computed: quantity × unit price. */
  amount?: Money;
}

/** The JSON Schema of {@link SalesLine}. */
export const LINE_SCHEMA: JsonSchemaObject = {
  type: 'object',
  properties: {
    product: text(),
    description: text(1_000, { minLength: 0 }),
    quantity: integerBetween(1, 1_000_000),
    unitPrice: AMOUNT_SCHEMA,
    amount: computed(AMOUNT_SCHEMA),
  },
  required: ['product', 'quantity', 'unitPrice'],
  additionalProperties: false,
};

/**
 * Prices the lines (amount = quantity × unit price each) and answers them with their total; a
 * ValidationError on `<path>.<i>.unitPrice.currency` when lines mix currencies, or on the total
 * when it would leave the representable range.
 */
export function priceLines(
  entity: string,
  lines: readonly SalesLine[],
  path = 'lines',
): { lines: SalesLine[]; total: Money } {
  const currency = lines[0]?.unitPrice.currency ?? '';
  let total = 0;
  const priced = lines.map((line, i) => {
    if (line.unitPrice.currency !== currency) {
      throw fieldError(
        entity,
        `${path}.${i}.unitPrice.currency`,
        'sales.currency',
        `is ${line.unitPrice.currency}, but line 0 is in ${currency}: one record holds one currency`,
      );
    }
    const amount = line.quantity * line.unitPrice.amount;
    total += amount;
    if (!Number.isSafeInteger(amount) || total > MAX_AMOUNT) {
      throw fieldError(entity, path, 'sales.range', `add up to more than ${MAX_AMOUNT} minor units`);
    }
    return { ...line, amount: { amount, currency } };
  });
  return { lines: priced, total: { amount: total, currency } };
}
