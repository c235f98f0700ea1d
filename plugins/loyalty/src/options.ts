import type { JsonSchemaObject } from '@rapport/core';

/** Options of the loyalty plugin. */
export interface LoyaltyInput {
  /** ISO 3166-1 region for mobile numbers given without `+` (`DE`, `CN`); default none. */
  defaultRegion?: string;
  /** Cron expression of the nightly expiry job, in the deployment's time zone; default `'10 0 * * *'`. */
  expiryCron?: string;
  /** Cron expression of the tier review (downgrades happen only then); default `'30 0 1 1 *'` (1 January). */
  tierReviewCron?: string;
  /** Cron expression of the birthday bonus job; default `'5 0 * * *'` (just after midnight). */
  birthdayCron?: string;
  /** Cron expression of the expiry notices (messaging installed); default `'0 10 * * *'`. */
  expiryNoticeCron?: string;
}

/** The options with their defaults applied. */
export interface LoyaltyOptions {
  defaultRegion?: string;
  expiryCron: string;
  tierReviewCron: string;
  birthdayCron: string;
  expiryNoticeCron: string;
}

/** The JSON Schema of {@link LoyaltyInput}. */
export const OPTIONS_SCHEMA: JsonSchemaObject = {
  type: 'object',
  properties: {
    defaultRegion: { type: 'string', pattern: '^[A-Z]{2}$' },
    expiryCron: { type: 'string', minLength: 9, maxLength: 100, default: '10 0 * * *' },
    tierReviewCron: { type: 'string', minLength: 9, maxLength: 100, default: '30 0 1 1 *' },
    birthdayCron: { type: 'string', minLength: 9, maxLength: 100, default: '5 0 * * *' },
    expiryNoticeCron: { type: 'string', minLength: 9, maxLength: 100, default: '0 10 * * *' },
  },
  additionalProperties: false,
};
