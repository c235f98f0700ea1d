import { dateTime, defineEntity, type EntityRecord, ref, text } from '@rapport/core';
import { REASON_SCHEMA } from './campaign.js';

/** One care message to one customer for one occasion: unique, so a rule never sends twice for an occasion. */
export interface CareSend {
  ruleId: string;
  customerId: string;
  /** The occasion: `2026` for a birthday or anniversary, the ticket's id, the purchase the inactivity runs from. */
  occasion: string;
  messageId?: string;
  /** Messaging's refusal, when it refused. */
  reason?: { code: string; message: string };
  at: string;
}

/** A stored care send. */
export type CareSendRecord = EntityRecord<CareSend>;

/** The `careSend` entity: written by the plugin only. */
export const CareSendEntity = defineEntity<CareSend>({
  name: 'careSend',
  plural: 'careSends',
  description: 'A care message sent (or refused by messaging) to a customer for one occasion of a care rule.',
  schema: {
    type: 'object',
    properties: {
      ruleId: ref,
      customerId: ref,
      occasion: text(100),
      messageId: ref,
      reason: REASON_SCHEMA,
      at: dateTime,
    },
    required: ['ruleId', 'customerId', 'occasion', 'at'],
  },
  indexes: [{ fields: ['ruleId', 'customerId', 'occasion'], unique: true }, ['customerId', 'at']],
});
