export { WEBHOOK_ROLE } from './access.js';
export { retryDelay } from './delivery/backoff.js';
export {
  type BodyVerdict,
  type DeliveryBody,
  deliveryBody,
  type EventSubject,
  subjectOf,
} from './delivery/event-body.js';
export { type OwnerStanding, ownerStanding } from './delivery/owner-actor.js';
export { pruneDeliveries } from './delivery/prune.js';
export { type AttemptOutcome, DELIVERY_DEAD, SUBSCRIPTION_DISABLED } from './delivery/record-outcome.js';
export { type SafePostAnswer, type SafePostInput, safePost } from './delivery/safe-post.js';
export {
  DELIVERY_HEADER,
  deliveryHeaders,
  EVENT_HEADER,
  EVENT_NAME_HEADER,
  SECRET_USE,
  type SignedDelivery,
  subscriptionSecret,
} from './delivery/signing.js';
export { hostOf, TargetPolicy } from './delivery/target-policy.js';
export { OWN_ENTITIES, WEBHOOK_QUEUE, WebhookQueue } from './delivery/webhook-queue.js';
export {
  ANSWER_PREFIX_BYTES,
  DELIVERY_STATUSES,
  type DeliveryStatus,
  MAX_BODY_LENGTH,
  type WebhookDelivery,
  WebhookDeliveryEntity,
  type WebhookDeliveryRecord,
} from './entities/webhook-delivery.js';
export {
  EVENT_PATTERN,
  type WebhookSubscription,
  WebhookSubscriptionEntity,
  type WebhookSubscriptionRecord,
} from './entities/webhook-subscription.js';
export { TargetRefusedError } from './errors.js';
export { EVENT_INTEREST, EventInterest } from './events/event-interest.js';
export { matchesAny, matchesEvent } from './events/event-patterns.js';
export type { WebhooksInput, WebhooksOptions } from './options.js';
export { WEBHOOKS_PLUGIN_ID } from './plugin-id.js';
export {
  createSubscription,
  enableSubscription,
  renewSecret,
  retryDelivery,
  type WithSecret,
} from './routes/subscription-service.js';
export { type WebhooksPluginFactory, webhooks } from './webhooks-plugin.js';
