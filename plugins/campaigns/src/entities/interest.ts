import { dateTime, defineEntity, type EntityRecord, enumOf, key, ref, text } from '@rapport/core';
import { INTEREST_SOURCES, INTEREST_VIA, type InterestSource, type InterestVia } from '../vocabulary.js';

/** A customer following a topic: declared by them, or inferred with the rule stated. */
export interface Interest {
  customerId: string;
  /** The topic's key. */
  topic: string;
  source: InterestSource;
  via: InterestVia;
  /** For an inferred interest: the rule, in words (`bought 2 products tagged garden in 90 days`). */
  rule?: string;
  /** The record it was inferred from (an order, an interaction). */
  evidenceId?: string;
  at?: string;
}

/** A stored interest. */
export type InterestRecord = EntityRecord<Interest>;

/** The `campaignInterest` entity. */
export const InterestEntity = defineEntity<Interest>({
  name: 'campaignInterest',
  plural: 'campaignInterests',
  description:
    'A customer following a topic, declared (console, API, a reply keyword) or inferred with its rule.',
  schema: {
    type: 'object',
    properties: {
      customerId: ref,
      topic: key,
      source: enumOf(INTEREST_SOURCES),
      via: enumOf(INTEREST_VIA),
      rule: text(500),
      evidenceId: ref,
      at: dateTime,
    },
    required: ['customerId', 'topic', 'source', 'via'],
  },
  indexes: [{ fields: ['customerId', 'topic'], unique: true }, ['topic', 'customerId']],
});
