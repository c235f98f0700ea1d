import { dateTime, defineEntity, type EntityRecord, enumOf, ref, text } from '@rapport/core';
import { CHANNELS, type Channel, SUPPRESSION_REASONS, type SuppressionReason } from '../vocabulary.js';

/** An address that is never sent to, on one channel: it bounced hard, complained or opted out. */
export interface Suppression {
  channel: Channel;
  /** Normalised: lower-case e-mail, E.164 phone. */
  address: string;
  reason: SuppressionReason;
  at?: string;
  /** The message that caused it. */
  messageId?: string;
  /** What the provider said. */
  detail?: string;
}

/** A stored suppression. */
export type SuppressionRecord = EntityRecord<Suppression & { at: string }>;

/** The `suppression` entity. */
export const SuppressionEntity = defineEntity<Suppression>({
  name: 'suppression',
  plural: 'suppressions',
  description:
    'An address never sent to on a channel (hard bounce, complaint, opt-out of an unknown sender, manual).',
  schema: {
    type: 'object',
    properties: {
      channel: enumOf(CHANNELS),
      address: text(320),
      reason: enumOf(SUPPRESSION_REASONS),
      at: dateTime,
      messageId: ref,
      detail: text(2_000),
    },
    required: ['channel', 'address', 'reason'],
  },
  indexes: [{ fields: ['channel', 'address'], unique: true }, 'reason'],
  search: ['address'],
});
