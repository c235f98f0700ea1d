import { type JsonSchemaObject, money } from '@rapport/core';

/** An amount of money in integer minor units (cents, fen) and an ISO 4217 currency code. Never a float. */
export interface Money {
  amount: number;
  currency: string;
}

/** The JSON Schema of {@link Money}: ±10^15 minor units (refunds are negative). */
export const MONEY_SCHEMA: JsonSchemaObject = money();
