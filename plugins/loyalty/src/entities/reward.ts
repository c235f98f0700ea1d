import { dateTime, defineEntity, type EntityRecord, integerBetween, referenceTo, text } from '@rapport/core';

/** A reward of a programme's catalogue. */
export interface Reward {
  programmeId: string;
  name: string;
  /** Points it costs (a positive integer). */
  cost: number;
  /** Units left; absent = unlimited. Moved by the plugin as rewards are reserved and cancelled. */
  stock?: number;
  /** Redeemable from/until (ISO instants); absent = always. */
  validFrom?: string;
  validTo?: string;
  /** The tier key a member needs (a tier of the programme): reserving refuses a member ranked below it. */
  tierRequired?: string;
  active?: boolean;
}

/** A stored reward. */
export type RewardRecord = EntityRecord<Reward>;

/** The `loyaltyReward` entity. */
export const RewardEntity = defineEntity<Reward>({
  name: 'loyaltyReward',
  plural: 'loyaltyRewards',
  description: 'A reward of a loyalty programme: cost in points, stock, validity.',
  schema: {
    type: 'object',
    properties: {
      programmeId: referenceTo('loyaltyProgramme'),
      name: text(),
      cost: integerBetween(1, Number.MAX_SAFE_INTEGER),
      stock: integerBetween(0, Number.MAX_SAFE_INTEGER),
      validFrom: dateTime,
      validTo: dateTime,
      tierRequired: text(40),
      active: { type: 'boolean', default: true },
    },
    required: ['programmeId', 'name', 'cost'],
  },
  indexes: [['programmeId', 'active']],
  search: ['name'],
});
