import { describe, expect, it } from 'vitest';
import { fieldsOf } from '../schema/fields.js';
import { formatMetric, formatValue } from './format.js';

const words = { yes: 'Yes', no: 'No' };
const english = { locale: 'en-GB', timeZone: 'Europe/Berlin' };
const chinese = { locale: 'zh-CN', timeZone: 'Asia/Shanghai' };

describe('values for people', () => {
  const [amount, weighted, count, year] = fieldsOf({
    type: 'object',
    properties: {
      amount: {
        type: 'object',
        properties: { amount: { type: 'integer' }, currency: { type: 'string' } },
      },
      weightedAmount: { type: 'integer', 'x-rapport-currency': 'amount.currency' },
      seats: { type: 'integer' },
      foundingYear: { type: 'integer' },
    },
  });
  const deal = { amount: { amount: 1_250_000, currency: 'EUR' }, weightedAmount: 312_500, seats: 1200 };

  it('shows money objects and annotated minor units in the record’s currency, in the reader’s locale', () => {
    expect(formatValue(amount, deal.amount, english, words)).toBe('€12,500.00');
    expect(formatValue(weighted, deal.weightedAmount, english, words, deal)).toBe('€3,125.00');
    expect(formatValue(weighted, deal.weightedAmount, chinese, words, deal)).toBe('€3,125.00');
    // without the record (or its currency) the minor units stay a number, never a guessed currency
    expect(formatValue(weighted, deal.weightedAmount, english, words)).toBe('312,500');
    expect(formatValue(weighted, 312_500, english, words, { amount: {} })).toBe('312,500');
    expect(formatValue(count, deal.seats, english, words, deal)).toBe('1,200');
    expect(formatValue(year, 1966, english, words)).toBe('1966');
  });

  it('shows metrics in their unit', () => {
    expect(formatMetric(0.256, 'ratio', english)).toBe('25.6%');
    expect(formatMetric(123_456, 'CNY', chinese)).toBe('¥1,234.56');
    expect(formatMetric(null, 'count', english)).toBe('—');
  });
});
