import { defineEntity, type EntityRecord, integerBetween, referenceTo, text } from '@rapport/core';

/** One move of a member between tiers: the tier history. */
export interface TierChange {
  programmeId: string;
  memberId: string;
  /** The tier before (absent: none). */
  from?: string;
  /** The tier after (absent: none). */
  to?: string;
  /** `upgrade` happens at once when points qualify; `review` is the periodic review. */
  reason: 'upgrade' | 'review';
  /** Qualifying points in the window at the time. */
  qualifying: number;
}

/** A stored tier change. */
export type TierChangeRecord = EntityRecord<TierChange>;

/** The `loyaltyTierChange` entity (written by the plugin only). */
export const TierChangeEntity = defineEntity<TierChange>({
  name: 'loyaltyTierChange',
  plural: 'loyaltyTierChanges',
  description: "A member's move between tiers, with the qualifying points behind it.",
  schema: {
    type: 'object',
    properties: {
      programmeId: referenceTo('loyaltyProgramme'),
      memberId: referenceTo('loyaltyMember'),
      from: text(40),
      to: text(40),
      reason: { type: 'string', enum: ['upgrade', 'review'] },
      qualifying: integerBetween(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
    },
    required: ['programmeId', 'memberId', 'reason', 'qualifying'],
  },
  indexes: [['memberId', 'createdAt']],
});
