import {
  count,
  dateTime,
  defineEntity,
  type EntityRecord,
  enumOf,
  integerBetween,
  MAX_ACTOR_ID_LENGTH,
  ref,
  text,
} from '@rapport/core';

/** Where a delivery is: waiting (first time or to retry), taken by a process, or finished. */
export const DELIVERY_STATUSES = ['queued', 'sending', 'delivered', 'failed', 'dead', 'skipped'] as const;
/** A {@link DELIVERY_STATUSES} value. */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The first bytes of an answer kept in the log. */
export const ANSWER_PREFIX_BYTES = 1_024;
/** The largest body a delivery carries. */
export const MAX_BODY_LENGTH = 256_000;

/**
 * One event for one subscription. Its `id` is the stable delivery id (`X-Rapport-Delivery`); its
 * body is fixed when it is queued, so every retry sends the same bytes under a fresh signature.
 */
export interface WebhookDelivery {
  subscriptionId: string;
  /** The subscription's owner: the delivery log is theirs to read. */
  ownerId: string;
  eventId: string;
  eventName: string;
  /** The URL it goes to (the subscription's when queued). */
  url: string;
  status: DeliveryStatus;
  /** Attempts made so far. */
  attempts: number;
  /** When it is next tried (queued ones). */
  nextAttemptAt?: string;
  /** Until when the process that took it (`sending`) holds it. */
  leaseUntil?: string;
  /** The JSON body posted. */
  body?: string;
  /** The last answer's HTTP status, duration and first bytes. */
  responseStatus?: number;
  durationMs?: number;
  responseBody?: string;
  lastError?: string;
  deliveredAt?: string;
  /** Why nothing was sent (`skipped`): the owner may not read the event's subject, ... */
  skippedReason?: string;
}

/** A stored delivery. */
export type WebhookDeliveryRecord = EntityRecord<WebhookDelivery>;

/** The `webhookDelivery` entity: the queue and the delivery log, written by the plugin only (403 for anyone else). */
export const WebhookDeliveryEntity = defineEntity<WebhookDelivery>({
  name: 'webhookDelivery',
  plural: 'webhookDeliveries',
  description: 'One event delivered to one webhook subscription: the queue and its log.',
  schema: {
    type: 'object',
    properties: {
      subscriptionId: ref,
      ownerId: text(MAX_ACTOR_ID_LENGTH),
      eventId: ref,
      eventName: text(200),
      url: text(2_000),
      status: enumOf(DELIVERY_STATUSES),
      attempts: { ...count, default: 0 },
      nextAttemptAt: dateTime,
      leaseUntil: dateTime,
      body: text(MAX_BODY_LENGTH),
      responseStatus: integerBetween(100, 599),
      durationMs: count,
      responseBody: text(ANSWER_PREFIX_BYTES * 4, { minLength: 0 }),
      lastError: text(2_000),
      deliveredAt: dateTime,
      skippedReason: text(500),
    },
    required: ['subscriptionId', 'ownerId', 'eventId', 'eventName', 'url', 'status'],
  },
  indexes: [
    { fields: ['subscriptionId', 'eventId'], unique: true },
    { fields: ['status', 'nextAttemptAt'] },
    { fields: ['status', 'leaseUntil'] },
    { fields: ['status', 'updatedAt'] },
    'ownerId',
    'eventId',
  ],
});
