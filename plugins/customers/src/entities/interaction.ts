import { dateTime, defineEntity, type EntityRecord, integerBetween, ref, text } from '@rapport/core';
import {
  INTERACTION_CHANNELS,
  INTERACTION_DIRECTIONS,
  type InteractionChannel,
  type InteractionDirection,
} from './vocabulary.js';

/** One contact with a customer on any channel: the raw material of the timeline. */
export interface Interaction {
  customerId: string;
  /** The person at an organisation customer, when known. */
  contactId?: string;
  channel: InteractionChannel;
  direction: InteractionDirection;
  subject: string;
  summary?: string;
  /** When it happened; defaults to now. */
  occurredAt?: string;
  durationMinutes?: number;
  /** Who on our side handled it; defaults to the acting user or API key. */
  byId?: string;
}

/** A stored interaction (`occurredAt` is always set once stored). */
export type InteractionRecord = EntityRecord<Interaction & { occurredAt: string }>;

/** The `interaction` entity. */
export const InteractionEntity = defineEntity<Interaction>({
  name: 'interaction',
  plural: 'interactions',
  description:
    'A contact with a customer on any channel (phone, e-mail, SMS, web, chat, visit, meeting, event, and the five means of B2B relationship building).',
  schema: {
    type: 'object',
    properties: {
      customerId: ref,
      contactId: ref,
      channel: { type: 'string', enum: [...INTERACTION_CHANNELS] },
      direction: { type: 'string', enum: [...INTERACTION_DIRECTIONS] },
      subject: text(),
      summary: text(10_000, { minLength: 0 }),
      occurredAt: dateTime,
      durationMinutes: integerBetween(0, 100_000),
      byId: ref,
    },
    required: ['customerId', 'channel', 'direction', 'subject'],
  },
  indexes: [['customerId', 'occurredAt'], 'occurredAt', 'channel'],
  search: ['subject', 'summary'],
});
