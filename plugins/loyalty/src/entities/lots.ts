import {
  defineEntity,
  type EntityRecord,
  type Kernel,
  type KernelTransaction,
  referenceTo,
  SYSTEM_ACTOR,
} from '@rapport/core';
import { LOTS_SCHEMA, type Lot } from './member.js';

/**
 * A member's open lots (points of each earn not yet redeemed or expired, soonest expiry first),
 * kept apart from the member so reading a member — its balance — never carries them. Written by
 * the plugin in each posting's transaction, under the member's version.
 */
export interface MemberLots {
  memberId: string;
  lots: Lot[];
}

/** A stored lots record. */
export type MemberLotsRecord = EntityRecord<MemberLots>;

/** The `loyaltyLots` entity: internal (no routes), one per member. */
export const MemberLotsEntity = defineEntity<MemberLots>({
  name: 'loyaltyLots',
  plural: 'loyaltyLots',
  description: "A member's open points lots, soonest expiry first.",
  exposed: false,
  schema: {
    type: 'object',
    properties: {
      memberId: referenceTo('loyaltyMember'),
      lots: LOTS_SCHEMA,
    },
    required: ['memberId', 'lots'],
  },
  indexes: [{ fields: ['memberId'], unique: true }],
});

type Reader = Pick<Kernel, 'data'> | Pick<KernelTransaction, 'data'>;

/** The lots record of a member, if it has one yet. */
export async function lotsRecordOf(from: Reader, memberId: string): Promise<MemberLotsRecord | undefined> {
  const page = await from
    .data<MemberLots>('loyaltyLots', { actor: SYSTEM_ACTOR })
    .find({ where: { memberId }, limit: 1 });
  return page.items[0] as MemberLotsRecord | undefined;
}

/** A member's open lots (none yet: empty). */
export async function lotsOf(from: Reader, memberId: string): Promise<Lot[]> {
  return (await lotsRecordOf(from, memberId))?.lots ?? [];
}
