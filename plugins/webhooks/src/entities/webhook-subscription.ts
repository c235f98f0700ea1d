import {
  computed,
  count,
  dateTime,
  defineEntity,
  type EntityRecord,
  enumOf,
  integerBetween,
  list,
  MAX_ACTOR_ID_LENGTH,
  text,
} from '@rapport/core';

/** An event name or pattern: `sales.deal.won`, `sales.deal.*`, `entity.created`, `*`. */
export const EVENT_PATTERN = '^(\\*|[a-z][a-zA-Z0-9]*(\\.([a-z][a-zA-Z0-9]*|\\*))*)$';

/** A subscription to events, delivered signed to a URL. */
export interface WebhookSubscription {
  /** `https://` (or `http://`) URL the deliveries are posted to. */
  url: string;
  /** Event names or patterns (`*` stands for one name segment; a trailing `*` for the rest). */
  events: string[];
  /** Whether events are delivered; the plugin sets it to false after repeated failures. */
  active: boolean;
  description?: string;
  /** Who made it: events are read, and delivered, as this user or key. */
  ownerId?: string;
  /** The owner's kind, API key id and roles when it was made (how the owner is found again). */
  ownerKind?: 'user' | 'apiKey' | 'system';
  ownerKeyId?: string;
  ownerRoles?: string[];
  /** Failed attempts in a row (reset by a success). */
  failureCount?: number;
  disabledAt?: string;
  disabledReason?: string;
  /** Which generation of its signing secret is current (a new secret moves it on). */
  secretGeneration?: number;
  /** The server-secret key its signing secret is derived from. */
  secretKid?: string;
  /** When a delivery last succeeded, to the minute while they keep succeeding. */
  lastDeliveryAt?: string;
}

/** A stored subscription. */
export type WebhookSubscriptionRecord = EntityRecord<WebhookSubscription>;

/** The `webhookSubscription` entity (REST: `/api/webhook-subscriptions`). */
export const WebhookSubscriptionEntity = defineEntity<WebhookSubscription>({
  name: 'webhookSubscription',
  plural: 'webhookSubscriptions',
  description:
    'An outbound webhook: events (names or patterns) delivered signed to a URL, as its owner may read them.',
  schema: {
    type: 'object',
    properties: {
      url: { type: 'string', format: 'uri', pattern: '^https?://', minLength: 8, maxLength: 2_000 },
      events: list({ type: 'string', minLength: 1, maxLength: 200, pattern: EVENT_PATTERN }, 50, {
        minItems: 1,
        uniqueItems: true,
      }),
      active: { type: 'boolean', default: true },
      description: text(500, { minLength: 0 }),
      ownerId: computed(text(MAX_ACTOR_ID_LENGTH)),
      ownerKind: computed(enumOf(['user', 'apiKey', 'system'])),
      ownerKeyId: computed(text(50)),
      ownerRoles: computed(list(text(64), 20)),
      failureCount: computed({ ...count, default: 0 }),
      disabledAt: computed(dateTime),
      disabledReason: computed(text(500)),
      secretGeneration: computed({ ...integerBetween(1, 1_000_000), default: 1 }),
      secretKid: computed(text(64)),
      lastDeliveryAt: computed(dateTime),
    },
    required: ['url', 'events'],
  },
  indexes: ['active', 'ownerId'],
  search: ['url', 'description'],
});
