import {
  count,
  dateTime,
  defineEntity,
  type EntityRecord,
  enumOf,
  integerBetween,
  ref,
  text,
} from '@rapport/core';
import {
  DELIVERY_EVENT_KINDS,
  type DeliveryEventKind,
  MESSAGE_STATUSES,
  type MessageStatus,
} from '../vocabulary.js';

/**
 * One line of a message's delivery log: a send attempt with the provider's answer, a provider's
 * status report, or a rule that held the message back. Kept for every message, so a person can
 * see why one did not arrive (listmonk #2079).
 */
export interface DeliveryEvent {
  messageId: string;
  kind: DeliveryEventKind;
  at: string;
  /** The attempt number (attempts). */
  attempt?: number;
  /** The status the message had after this event. */
  status: MessageStatus;
  /** `sent`, `retry`, `failed`, `bounced`, `optedOut`, `unknown` (an attempt cut short by a crash), or a rule's code. */
  outcome: string;
  /** What the provider said (an SMTP reply, an HTTP status and body excerpt). */
  answer?: string;
  /** The provider's error code (`550`, `21610`). */
  errorCode?: string;
  providerMessageId?: string;
  durationMs?: number;
}

/** A stored delivery event. */
export type DeliveryEventRecord = EntityRecord<DeliveryEvent>;

/** The `deliveryEvent` entity. */
export const DeliveryEventEntity = defineEntity<DeliveryEvent>({
  name: 'deliveryEvent',
  plural: 'deliveryEvents',
  description:
    "A message's delivery log: each attempt with the provider's answer, status reports, rules applied.",
  schema: {
    type: 'object',
    properties: {
      messageId: ref,
      kind: enumOf(DELIVERY_EVENT_KINDS),
      at: dateTime,
      attempt: count,
      status: enumOf(MESSAGE_STATUSES),
      outcome: text(100),
      answer: text(2_000, { minLength: 0 }),
      errorCode: text(100),
      providerMessageId: text(500),
      durationMs: integerBetween(0, 86_400_000),
    },
    required: ['messageId', 'kind', 'at', 'status', 'outcome'],
  },
  indexes: [
    ['messageId', 'at'],
    ['kind', 'outcome', 'at'],
  ],
});
