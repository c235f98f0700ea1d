import type { JsonSchemaObject } from '@rapport/core';

/** Lifecycle thresholds (days and purchase counts). */
export interface LifecycleOptions {
  /** A first-time buyer is `new` for this many days after their first purchase. Default 30. */
  newForDays: number;
  /** No activity for this many days: `at-risk`. Default 90. */
  atRiskAfterDays: number;
  /** No activity for this many days: `churned`. Default 180; must exceed `atRiskAfterDays`. */
  churnAfterDays: number;
  /** Purchases (since the relationship began or was won back) that make a customer `loyal`. Default 5. */
  loyalAfterPurchases: number;
  /** Count inbound interactions as activity for at-risk and churn, not only purchases. Default false. */
  activityFromInteractions: boolean;
}

/** ABC shares: A = the top customers that together bring `a` of the value, B the next `b`, C the rest. */
export interface AbcOptions {
  /** Default 0.8. */
  a: number;
  /** Default 0.15. */
  b: number;
}

/** Future-value prediction (BG/NBD + Gamma-Gamma), fitted by the recompute job. */
export interface FutureValueOptions {
  /** Predict over this many weeks. Default 52. */
  horizonWeeks: number;
  /** Annual discount rate of the lifetime value (0.1 = 10 %). Default 0.1. */
  annualDiscountRate: number;
  /** Refuse to fit with fewer customers who bought. Default 30. */
  minCustomers: number;
  /** Refuse to fit with fewer repeat buyers. Default 5. */
  minRepeatBuyers: number;
}

/** Options of the customers plugin; every one has a default. */
export interface CustomersOptions {
  /**
   * ISO 3166-1 alpha-2 region for phone numbers written without a `+` country code (`DE`, `CN`,
   * `US`). Without it, only international numbers are accepted — the plugin never guesses.
   */
  defaultRegion?: string;
  /** ISO 4217 reporting currency of value records. Default `EUR`. */
  currency: string;
  /** The trailing window (days) ABC and RFM are computed over. Default 365. */
  valueWindowDays: number;
  abc: AbcOptions;
  lifecycle: LifecycleOptions;
  futureValue: FutureValueOptions;
  /** How often the recompute job runs (a duration: `1d`, `6h`). Default `1d`. */
  recomputeEvery: string;
  /** Most rows one import may hold. Default 10000. */
  importMaxRows: number;
}

/** What `customers(...)` takes: any option, nested ones in part; the rest default. */
export type CustomersInput = Partial<Omit<CustomersOptions, 'abc' | 'lifecycle' | 'futureValue'>> & {
  abc?: Partial<AbcOptions>;
  lifecycle?: Partial<LifecycleOptions>;
  futureValue?: Partial<FutureValueOptions>;
};

/** The JSON Schema of {@link CustomersOptions}, with its defaults. */
export const OPTIONS_SCHEMA: JsonSchemaObject = {
  type: 'object',
  properties: {
    defaultRegion: { type: 'string', pattern: '^[A-Z]{2}$' },
    currency: { type: 'string', pattern: '^[A-Z]{3}$', default: 'EUR' },
    valueWindowDays: { type: 'integer', minimum: 1, maximum: 3650, default: 365 },
    abc: {
      type: 'object',
      default: {},
      properties: {
        a: { type: 'number', exclusiveMinimum: 0, maximum: 1, default: 0.8 },
        b: { type: 'number', minimum: 0, maximum: 1, default: 0.15 },
      },
      additionalProperties: false,
    },
    lifecycle: {
      type: 'object',
      default: {},
      properties: {
        newForDays: { type: 'integer', minimum: 1, default: 30 },
        atRiskAfterDays: { type: 'integer', minimum: 1, default: 90 },
        churnAfterDays: { type: 'integer', minimum: 2, default: 180 },
        loyalAfterPurchases: { type: 'integer', minimum: 2, default: 5 },
        activityFromInteractions: { type: 'boolean', default: false },
      },
      additionalProperties: false,
    },
    futureValue: {
      type: 'object',
      default: {},
      properties: {
        horizonWeeks: { type: 'number', exclusiveMinimum: 0, maximum: 520, default: 52 },
        annualDiscountRate: { type: 'number', minimum: 0, maximum: 1, default: 0.1 },
        minCustomers: { type: 'integer', minimum: 10, default: 30 },
        minRepeatBuyers: { type: 'integer', minimum: 3, default: 5 },
      },
      additionalProperties: false,
    },
    recomputeEvery: { type: 'string', pattern: '^\\d+(ms|s|m|h|d)$', default: '1d' },
    importMaxRows: { type: 'integer', minimum: 1, maximum: 1000000, default: 10000 },
  },
  additionalProperties: false,
};

/** Problems the schema cannot express (relations between options); empty when consistent. */
export function optionProblems(options: CustomersOptions): string[] {
  const problems: string[] = [];
  if (options.abc.a + options.abc.b > 1) {
    problems.push(`abc.a + abc.b must not exceed 1 (got ${options.abc.a} + ${options.abc.b})`);
  }
  if (options.lifecycle.churnAfterDays <= options.lifecycle.atRiskAfterDays) {
    problems.push(
      `lifecycle.churnAfterDays (${options.lifecycle.churnAfterDays}) must be greater than atRiskAfterDays (${options.lifecycle.atRiskAfterDays})`,
    );
  }
  return problems;
}

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;
