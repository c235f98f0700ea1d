import { currency, defineEntity, type EntityRecord, integerBetween, text } from '@rapport/core';
import { CAP_PERIODS, type CapPeriod, PROGRAMME_STATUSES, type ProgrammeStatus } from '../vocabulary.js';

/**
 * When earned points expire:
 * - `months`: that many calendar months after earning (in the deployment's time zone);
 * - `endOfFollowingYear`: at the end of the calendar year after the year of earning;
 * - `never`.
 */
export type ExpiryPolicy =
  | { kind: 'months'; months: number }
  | { kind: 'endOfFollowingYear' }
  | { kind: 'never' };

/** A tier: reached with `threshold` qualifying points over the programme's window. */
export interface Tier {
  key: string;
  name: string;
  threshold: number;
}

/**
 * Earning rules beyond points per currency unit, as data:
 * - `tierMultipliers`: order points times `percent`/100 for members of that tier (rounded
 *   down; the extra points do not qualify for tiers);
 * - `firstPurchaseBonus`: points on a member's first purchase;
 * - `birthdayBonus`: points on the member's `birthday` (the nightly job, once a year);
 * - `referralBonus`: points to the referrer when a member they referred first buys;
 * - `cap`: at most `points` order points per member per calendar `period` (what is over it is
 *   not credited; the purchase still counts for stages).
 * Bonuses carry no qualifying points.
 */
export interface EarningRules {
  tierMultipliers?: Array<{ tier: string; percent: number }>;
  firstPurchaseBonus?: number;
  birthdayBonus?: number;
  referralBonus?: number;
  cap?: { points: number; period: CapPeriod };
}

/** A loyalty programme: its currency, earning rate and expiry policy. */
export interface Programme {
  name: string;
  /** ISO 4217 code of the orders it earns on. */
  currency: string;
  /** Points per whole currency unit of an order (integer; 1 = 1 point per euro). */
  pointsPerUnit?: number;
  /** Minor units per currency unit (100 for EUR, 1 for JPY). */
  minorPerUnit?: number;
  /** Default 12 months. */
  expiry?: ExpiryPolicy;
  /** The SMS keyword that enrols a sender (`JOIN`, `加入`). */
  joinKeyword?: string;
  status?: ProgrammeStatus;
  /** Tiers, lowest first; a member below the first tier's threshold has no tier. */
  tiers?: Tier[];
  /** Months of qualifying points that count for tiers (rolling); default 12. */
  tierWindowMonths?: number;
  /** Earning rules beyond `pointsPerUnit`. */
  earning?: EarningRules;
  /** Days after a win-back attempt within which a purchase counts as won (default 60). */
  winBackDays?: number;
  /** Days ahead of expiry members are told, through messaging (default 30; 0: never). */
  expiryNoticeDays?: number;
}

/** A stored programme. */
export type ProgrammeRecord = EntityRecord<Programme>;

/** The `loyaltyProgramme` entity. */
export const ProgrammeEntity = defineEntity<Programme>({
  name: 'loyaltyProgramme',
  plural: 'loyaltyProgrammes',
  description: 'A loyalty programme: currency, earning rate, expiry policy and join keyword.',
  schema: {
    type: 'object',
    properties: {
      name: text(),
      currency,
      pointsPerUnit: { ...integerBetween(0, 1_000_000), default: 1 },
      minorPerUnit: { ...integerBetween(1, 1_000_000), default: 100 },
      expiry: {
        oneOf: [
          {
            type: 'object',
            properties: { kind: { const: 'months' }, months: integerBetween(1, 600) },
            required: ['kind', 'months'],
            additionalProperties: false,
          },
          {
            type: 'object',
            properties: { kind: { enum: ['endOfFollowingYear', 'never'] } },
            required: ['kind'],
            additionalProperties: false,
          },
        ],
        default: { kind: 'months', months: 12 },
      },
      joinKeyword: text(40),
      status: { type: 'string', enum: [...PROGRAMME_STATUSES], default: 'active' },
      tiers: {
        type: 'array',
        maxItems: 20,
        items: {
          type: 'object',
          properties: {
            key: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,39}$', maxLength: 40 },
            name: text(80),
            threshold: integerBetween(0, Number.MAX_SAFE_INTEGER),
          },
          required: ['key', 'name', 'threshold'],
          additionalProperties: false,
        },
      },
      tierWindowMonths: { ...integerBetween(1, 120), default: 12 },
      earning: {
        type: 'object',
        properties: {
          tierMultipliers: {
            type: 'array',
            maxItems: 20,
            items: {
              type: 'object',
              properties: {
                tier: {
                  type: 'string',
                  pattern: '^[a-z][a-z0-9-]{0,39}$',
                  maxLength: 40,
                  examples: ['gold'],
                },
                percent: { ...integerBetween(100, 1_000), examples: [150] },
              },
              required: ['tier', 'percent'],
              additionalProperties: false,
            },
          },
          firstPurchaseBonus: { ...integerBetween(0, 1_000_000), examples: [200] },
          birthdayBonus: { ...integerBetween(0, 1_000_000), examples: [100] },
          referralBonus: { ...integerBetween(0, 1_000_000), examples: [300] },
          cap: {
            type: 'object',
            properties: {
              points: integerBetween(1, Number.MAX_SAFE_INTEGER),
              period: { type: 'string', enum: [...CAP_PERIODS] },
            },
            required: ['points', 'period'],
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
      winBackDays: { ...integerBetween(1, 3_650), default: 60 },
      expiryNoticeDays: { ...integerBetween(0, 365), default: 30 },
    },
    required: ['name', 'currency'],
  },
  indexes: ['status'],
  search: ['name'],
});
