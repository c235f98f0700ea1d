import type { JsonSchemaObject } from '@rapport/core';

/** An amount of money in integer minor units (cents, fen) and an ISO 4217 currency code. Never a float. */
export interface Money {
  amount: number;
  currency: string;
}

/** The JSON Schema of {@link Money}. */
export const MONEY_SCHEMA: JsonSchemaObject = {
  type: 'object',
  properties: {
    amount: { type: 'integer', minimum: -1e15, maximum: 1e15 },
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
  },
  required: ['amount', 'currency'],
  additionalProperties: false,
};
