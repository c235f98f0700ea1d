import {
  computed,
  dateTime,
  defineEntity,
  type EntityRecord,
  integerBetween,
  list,
  referenceTo,
  text,
} from '@rapport/core';
import { LOYALTY_STAGES, type LoyaltyStage } from '../vocabulary.js';

/** A message to a segment of a programme's members, sent through messaging as marketing. */
export interface Broadcast {
  programmeId: string;
  name: string;
  channel: 'sms' | 'email';
  /** For e-mail. */
  subject?: string;
  text: string;
  /** The segment: active members in any of these tiers and stages (absent: all). */
  audience?: { tiers?: string[]; stages?: LoyaltyStage[] };
  /** Computed: `draft` until sent. */
  status?: 'draft' | 'sent';
  /** Computed: when it was sent. */
  sentAt?: string;
  /** Computed: members in the segment when sent. */
  recipients?: number;
  /** Computed: messages queued (consent and caps held); the rest were suppressed or deferred by messaging. */
  queued?: number;
  /** Computed: messages messaging suppressed (no consent, opted out, suppressed address). */
  suppressed?: number;
}

/** A stored broadcast. */
export type BroadcastRecord = EntityRecord<Broadcast>;

const COUNT = computed(integerBetween(0, Number.MAX_SAFE_INTEGER));

/** The `loyaltyBroadcast` entity: each delivery is a message in messaging with this record as its source. */
export const BroadcastEntity = defineEntity<Broadcast>({
  name: 'loyaltyBroadcast',
  plural: 'loyaltyBroadcasts',
  description:
    'News to a segment of members (by tier and stage), sent once through messaging as marketing: consent, quiet hours and caps apply there.',
  schema: {
    type: 'object',
    properties: {
      programmeId: referenceTo('loyaltyProgramme'),
      name: text(),
      channel: { type: 'string', enum: ['sms', 'email'] },
      subject: text(200),
      text: text(2_000),
      audience: {
        type: 'object',
        properties: {
          tiers: list({ type: 'string', maxLength: 40 }, 20, { uniqueItems: true }),
          stages: list({ type: 'string', enum: [...LOYALTY_STAGES] }, 5, { uniqueItems: true }),
        },
        additionalProperties: false,
      },
      status: computed({ type: 'string', enum: ['draft', 'sent'], default: 'draft' }),
      sentAt: computed(dateTime),
      recipients: COUNT,
      queued: COUNT,
      suppressed: COUNT,
    },
    required: ['programmeId', 'name', 'channel', 'text'],
  },
  indexes: [['programmeId', 'createdAt']],
  search: ['name'],
});
