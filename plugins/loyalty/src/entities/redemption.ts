import {
  computed,
  dateTime,
  defineEntity,
  type EntityRecord,
  integerBetween,
  referenceTo,
} from '@rapport/core';

/** A redemption's status: `cancelled` has refunded the points and the stock. */
export const REDEMPTION_STATUSES = ['reserved', 'fulfilled', 'cancelled'] as const;
/** A redemption's status. */
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

/** A member's claim on a reward: the points are debited when it is reserved. */
export interface Redemption {
  programmeId: string;
  memberId: string;
  rewardId: string;
  points: number;
  status: RedemptionStatus;
  /** The redeem entry that paid for it. */
  entryId: string;
  /** The reverse entry that refunded it (cancelled). */
  refundEntryId?: string;
  fulfilledAt?: string;
  cancelledAt?: string;
}

/** A stored redemption. */
export type RedemptionRecord = EntityRecord<Redemption>;

/** The `loyaltyRedemption` entity (written by the plugin only). */
export const RedemptionEntity = defineEntity<Redemption>({
  name: 'loyaltyRedemption',
  plural: 'loyaltyRedemptions',
  description: 'A reward redeemed by a member: reserved, fulfilled or cancelled (refunded).',
  schema: {
    type: 'object',
    properties: {
      programmeId: referenceTo('loyaltyProgramme'),
      memberId: referenceTo('loyaltyMember'),
      rewardId: referenceTo('loyaltyReward'),
      // Written with the record (by the plugin, like every field here): required, so not `computed`,
      // which would answer a caller's create with 400 before the plugin's 403.
      points: integerBetween(1, Number.MAX_SAFE_INTEGER),
      status: { type: 'string', enum: [...REDEMPTION_STATUSES] },
      entryId: referenceTo('loyaltyEntry'),
      refundEntryId: computed(referenceTo('loyaltyEntry')),
      fulfilledAt: computed(dateTime),
      cancelledAt: computed(dateTime),
    },
    required: ['programmeId', 'memberId', 'rewardId', 'points', 'status', 'entryId'],
  },
  indexes: [['memberId', 'createdAt'], ['rewardId', 'status'], { fields: ['entryId'], unique: true }],
});
