import { computed, dateTime, defineEntity, type EntityRecord, ref, referenceTo, text } from '@rapport/core';
import {
  WIN_BACK_CHANNELS,
  WIN_BACK_OUTCOMES,
  type WinBackChannel,
  type WinBackOutcome,
} from '../vocabulary.js';

/** One attempt to win back a lapsed member, and how it ended. */
export interface WinBackAttempt {
  memberId: string;
  channel: WinBackChannel;
  note?: string;
  /** `pending` until the member buys (`won`, set by the plugin) or a person records `declined`/`unreachable`. */
  outcome?: WinBackOutcome;
  /** Computed from the member. */
  programmeId?: string;
  /** Computed from the member. */
  customerId?: string;
  /** Computed: when the outcome was settled. */
  outcomeAt?: string;
  /** Computed: the order that won the member back. */
  wonOrderId?: string;
}

/** A stored attempt. */
export type WinBackAttemptRecord = EntityRecord<WinBackAttempt>;

/** The `loyaltyWinBack` entity: the win-back list's attempts and their outcomes. */
export const WinBackAttemptEntity = defineEntity<WinBackAttempt>({
  name: 'loyaltyWinBack',
  plural: 'loyaltyWinBacks',
  description:
    'An attempt to win back a lapsed member (phone, SMS, e-mail, visit) and its outcome; a purchase within the programme’s winBackDays marks it won.',
  schema: {
    type: 'object',
    properties: {
      memberId: referenceTo('loyaltyMember'),
      channel: { type: 'string', enum: [...WIN_BACK_CHANNELS] },
      note: text(2_000),
      outcome: { type: 'string', enum: [...WIN_BACK_OUTCOMES], default: 'pending' },
      programmeId: computed(referenceTo('loyaltyProgramme')),
      customerId: computed(ref),
      outcomeAt: computed(dateTime),
      wonOrderId: computed(referenceTo('order')),
    },
    required: ['memberId', 'channel'],
  },
  indexes: [['memberId', 'outcome'], ['programmeId', 'createdAt'], 'customerId'],
});
