import {
  count,
  dateTime,
  defineEntity,
  type EntityRecord,
  enumOf,
  jsonObject,
  ref,
  referenceTo,
  text,
} from '@rapport/core';
import {
  CHANNELS,
  type Channel,
  DIRECTIONS,
  type Direction,
  MESSAGE_STATUSES,
  type MessageStatus,
  PURPOSES,
  type Purpose,
} from '../vocabulary.js';

/** The largest text body (an SMS is far shorter; a long e-mail fits). */
export const MAX_TEXT = 100_000;
/** The largest HTML body. */
export const MAX_HTML = 500_000;

/** Who asked for a message: a plugin, and the record it was about. */
export interface MessageSource {
  plugin: string;
  entity?: string;
  recordId?: string;
}

/** Why a message did not go (yet): a stable code and a sentence. */
export interface StatusReason {
  /** `consent.missing`, `consent.optedOut`, `suppressed.hard-bounce`, `frequencyCap`, `quietHours`, `provider.rejected`, ... */
  code: string;
  message: string;
}

/**
 * One message, outbound or inbound, with everything a person needs to see why it did or did not
 * arrive: status and reason, attempts and the last error, the provider's id. Written by the
 * plugin only (send through `MESSAGING.send` or `POST /api/messaging/messages`).
 */
export interface Message {
  direction: Direction;
  channel: Channel;
  accountId: string;
  customerId?: string;
  to: string;
  from: string;
  subject?: string;
  text: string;
  html?: string;
  templateId?: string;
  templateKey?: string;
  locale?: string;
  /** The caller's merge data. */
  data?: Record<string, unknown>;
  purpose: Purpose;
  status: MessageStatus;
  /** Why it is `suppressed`, `failed` or `bounced`, or why it waits (`deferred`). */
  reason?: StatusReason;
  /** Set while a queued message waits for a rule (quiet hours, a frequency cap). */
  deferredUntil?: string;
  /** Drop instead of defer when a rule would defer it. */
  onlyNow?: boolean;
  /** When it is next tried (queued messages). */
  nextAttemptAt?: string;
  /** While `sending`: until when this attempt holds it. */
  leaseUntil?: string;
  attempts: number;
  lastError?: string;
  providerMessageId?: string;
  /** The RFC 5322 Message-ID of an e-mail (stable across retries, so receivers drop repeats). */
  messageIdHeader?: string;
  source?: MessageSource;
  /** The actor who asked for it. */
  requestedBy?: string;
  /** Groups replies with what they answer (`ticket:<id>`). */
  threadKey?: string;
  /** The Message-ID or provider id this inbound message answers. */
  inReplyTo?: string;
  /** `<scope>:<key>` of an idempotent send. */
  idempotencyKey?: string;
  /** SHA-256 of the request an idempotency key was first used with. */
  requestHash?: string;
  queuedAt?: string;
  sentAt?: string;
  deliveredAt?: string;
  failedAt?: string;
  receivedAt?: string;
}

/** A stored message. */
export type MessageRecord = EntityRecord<Message>;

const reasonSchema = {
  type: 'object',
  properties: { code: text(100), message: text(1_000) },
  required: ['code', 'message'],
  additionalProperties: false,
};

/** The `message` entity. */
export const MessageEntity = defineEntity<Message>({
  name: 'message',
  plural: 'messages',
  description:
    'A message out or in: channel, account, customer, addresses, content, purpose, status with its reason, attempts, provider id, source and thread.',
  schema: {
    type: 'object',
    properties: {
      direction: enumOf(DIRECTIONS),
      channel: enumOf(CHANNELS),
      accountId: referenceTo('channelAccount'),
      customerId: ref,
      to: text(320),
      from: text(320),
      subject: text(1_000, { minLength: 0 }),
      text: text(MAX_TEXT, { minLength: 0 }),
      html: text(MAX_HTML, { minLength: 0 }),
      templateId: referenceTo('messageTemplate'),
      templateKey: text(100),
      locale: text(35),
      data: jsonObject(200),
      purpose: enumOf(PURPOSES),
      status: enumOf(MESSAGE_STATUSES),
      reason: reasonSchema,
      deferredUntil: dateTime,
      onlyNow: { type: 'boolean' },
      nextAttemptAt: dateTime,
      leaseUntil: dateTime,
      attempts: count,
      lastError: text(2_000),
      providerMessageId: text(500),
      messageIdHeader: text(500),
      source: {
        type: 'object',
        properties: { plugin: text(100), entity: text(100), recordId: ref },
        required: ['plugin'],
        additionalProperties: false,
      },
      requestedBy: text(200),
      threadKey: text(300),
      inReplyTo: text(1_000),
      idempotencyKey: text(500),
      requestHash: text(64),
      queuedAt: dateTime,
      sentAt: dateTime,
      deliveredAt: dateTime,
      failedAt: dateTime,
      receivedAt: dateTime,
    },
    required: ['direction', 'channel', 'accountId', 'to', 'from', 'text', 'purpose', 'status', 'attempts'],
  },
  indexes: [
    ['status', 'nextAttemptAt'],
    ['status', 'leaseUntil'],
    ['customerId', 'queuedAt'],
    ['customerId', 'purpose', 'sentAt'],
    { fields: ['accountId', 'providerMessageId'], unique: true },
    { fields: ['idempotencyKey'], unique: true },
    'messageIdHeader',
    ['channel', 'to', 'queuedAt'],
    'threadKey',
    'sentAt',
    'deliveredAt',
    'failedAt',
  ],
  search: ['subject', 'to', 'from'],
});
