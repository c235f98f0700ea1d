import { dateTime, defineEntity, type EntityRecord, enumOf, ref, text } from '@rapport/core';
import {
  CHANNELS,
  type Channel,
  CONSENT_SOURCES,
  CONSENT_STATES,
  type ConsentSource,
  type ConsentState,
  PURPOSES,
  type Purpose,
} from '../vocabulary.js';

/**
 * One consent change of a customer for a channel and purpose: opted in or out, when, from what
 * source. Records are never changed: the latest one is the customer's consent, the rest its history.
 */
export interface Consent {
  customerId: string;
  channel: Channel;
  purpose: Purpose;
  state: ConsentState;
  source: ConsentSource;
  /** When it was given or withdrawn; defaults to now. */
  at?: string;
  /** The address it was given for or withdrawn from, when known. */
  address?: string;
  /** The message it came from (an unsubscribe link, a STOP reply). */
  messageId?: string;
  note?: string;
  /** Who recorded it. */
  byId?: string;
}

/** A stored consent (`at` is always set once stored). */
export type ConsentRecord = EntityRecord<Consent & { at: string }>;

/** The `consent` entity. */
export const ConsentEntity = defineEntity<Consent>({
  name: 'consent',
  plural: 'consents',
  description:
    'A consent change per customer, channel and purpose (in or out, when, from what source); the history is kept, never edited.',
  schema: {
    type: 'object',
    properties: {
      customerId: ref,
      channel: enumOf(CHANNELS),
      purpose: enumOf(PURPOSES),
      state: enumOf(CONSENT_STATES),
      source: enumOf(CONSENT_SOURCES),
      at: dateTime,
      address: text(320),
      messageId: ref,
      note: text(1_000),
      byId: text(200),
    },
    required: ['customerId', 'channel', 'purpose', 'state', 'source'],
  },
  indexes: [
    ['customerId', 'channel', 'purpose', 'at'],
    ['state', 'at'],
  ],
});
