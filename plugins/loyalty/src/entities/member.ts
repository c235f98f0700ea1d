import {
  computed,
  dateTime,
  defineEntity,
  type EntityRecord,
  integerBetween,
  type JsonSchema,
  phone,
  ref,
  referenceTo,
} from '@rapport/core';
import {
  JOIN_CHANNELS,
  type JoinChannel,
  LOYALTY_STAGES,
  type LoyaltyStage,
  MEMBER_STATUSES,
  type MemberStatus,
} from '../vocabulary.js';

/** Points of one earn (or refund) entry not yet redeemed or expired. */
export interface Lot {
  /** The entry the points came from. */
  entryId: string;
  /** When they expire (absent: never). */
  expiresAt?: string;
  /** Points left, > 0. */
  remaining: number;
}

/** A member of a programme: a customer, numbered by their E.164 mobile number. */
export interface Member {
  programmeId: string;
  customerId: string;
  /** The member number: the customer's mobile number in E.164. */
  number: string;
  status?: MemberStatus;
  joinedThrough?: JoinChannel;
  referrerId?: string;
  /** Computed: when the member joined (its creation, or the date imported with its history). */
  joinedAt?: string;
  /** Computed: the redeemable balance, the sum of the member's ledger entries. */
  balance?: number;
  /**
   * Computed, legacy: open lots, soonest-expiring first, as members written before the lots had a
   * record of their own (`loyaltyLots`) carry them until their next posting moves them there.
   */
  lots?: Lot[];
  /** Computed: the soonest expiry among the lots (indexed, for the nightly expiry job). */
  nextExpiry?: string;
  /** Computed: the points due at `nextExpiry` (so a balance read needs no lots). */
  nextExpiryPoints?: number;
  /** Computed: the tier key (absent: below the first tier). */
  tier?: string;
  /** Computed: entries posted (the ledger's length). */
  entries?: number;
  /** The member's birthday, `MM-DD`, for the birthday bonus. */
  birthday?: string;
  /** Computed: the loyalty stage (see `LOYALTY_STAGES`). */
  stage?: LoyaltyStage;
  /** Computed: purchases since joining (orders that earned, less those cancelled). */
  purchases?: number;
  /** Computed: members this one referred who have bought. */
  referralsBought?: number;
  /** Computed: order points credited in the current cap period (`key`: `2026`, `2026-06`, `2026-06-01`). */
  capWindow?: { key: string; points: number };
}

/** The schema of a member's open lots (soonest expiry first). */
export const LOTS_SCHEMA: JsonSchema = {
  type: 'array',
  maxItems: 100_000,
  items: {
    type: 'object',
    properties: {
      entryId: referenceTo('loyaltyEntry'),
      expiresAt: dateTime,
      remaining: integerBetween(1, Number.MAX_SAFE_INTEGER),
    },
    required: ['entryId', 'remaining'],
    additionalProperties: false,
  },
};

/** A stored member. */
export type MemberRecord = EntityRecord<Member>;

const POINTS = integerBetween(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);

/** The `loyaltyMember` entity. */
export const MemberEntity = defineEntity<Member>({
  name: 'loyaltyMember',
  plural: 'loyaltyMembers',
  description:
    'A member of a loyalty programme: the customer, the mobile number, and the balance the ledger gives.',
  schema: {
    type: 'object',
    properties: {
      programmeId: referenceTo('loyaltyProgramme'),
      customerId: ref,
      number: phone,
      status: { type: 'string', enum: [...MEMBER_STATUSES], default: 'active' },
      joinedThrough: { type: 'string', enum: [...JOIN_CHANNELS], default: 'api' },
      referrerId: referenceTo('loyaltyMember'),
      joinedAt: computed(dateTime),
      balance: computed({ ...POINTS, default: 0 }),
      lots: computed(LOTS_SCHEMA),
      nextExpiry: computed(dateTime),
      nextExpiryPoints: computed(integerBetween(0, Number.MAX_SAFE_INTEGER)),
      tier: computed({ type: 'string', maxLength: 40 }),
      entries: computed({ ...integerBetween(0, Number.MAX_SAFE_INTEGER), default: 0 }),
      birthday: {
        type: 'string',
        pattern: '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
        maxLength: 5,
        examples: ['07-14'],
      },
      stage: computed({ type: 'string', enum: [...LOYALTY_STAGES], default: 'suspicion' }),
      purchases: computed({ ...integerBetween(0, Number.MAX_SAFE_INTEGER), default: 0 }),
      referralsBought: computed({ ...integerBetween(0, Number.MAX_SAFE_INTEGER), default: 0 }),
      capWindow: computed({
        type: 'object',
        properties: {
          key: { type: 'string', maxLength: 10 },
          points: integerBetween(0, Number.MAX_SAFE_INTEGER),
        },
        required: ['key', 'points'],
        additionalProperties: false,
      }),
    },
    required: ['programmeId', 'customerId', 'number'],
  },
  indexes: [
    { fields: ['programmeId', 'number'], unique: true },
    { fields: ['programmeId', 'customerId'], unique: true },
    'customerId',
    'nextExpiry',
    ['programmeId', 'joinedAt'],
    ['programmeId', 'tier'],
    ['programmeId', 'stage'],
    'referrerId',
    'birthday',
  ],
  search: ['number'],
});
