import { type ServerSecret, signRequest } from '@rapport/core';
import type { WebhookSubscriptionRecord } from '../entities/webhook-subscription.js';

/** The server-secret use signing secrets are derived for (HKDF `info = rapport:<use>`). */
export const SECRET_USE = 'webhooks.subscription';
/** The header with the stable delivery id: the same on every retry of one event to one subscription. */
export const DELIVERY_HEADER = 'x-rapport-delivery';
/** The header with the event id (one event sent to several subscriptions has one id). */
export const EVENT_HEADER = 'x-rapport-event';
/** The header with the event name (`sales.deal.won`). */
export const EVENT_NAME_HEADER = 'x-rapport-event-name';

type Signable = Pick<WebhookSubscriptionRecord, 'id' | 'secretGeneration' | 'secretKid'>;

/**
 * A subscription's signing secret, `whsec_<base64url>`: an HMAC of its id and secret generation
 * under the server secret's key `secretKid`, so nothing secret is stored with it and a new
 * generation (a new secret) makes the old one worthless. `undefined` when that key was retired.
 */
export function subscriptionSecret(secret: ServerSecret, subscription: Signable): string | undefined {
  const mac = secret.hmac(
    SECRET_USE,
    `${subscription.id}:${subscription.secretGeneration ?? 1}`,
    subscription.secretKid,
  );
  return mac ? `whsec_${mac.mac.toString('base64url')}` : undefined;
}

/** What {@link deliveryHeaders} signs and names. */
export interface SignedDelivery {
  secret: string;
  body: string;
  deliveryId: string;
  eventId: string;
  eventName: string;
  /** Unix seconds of the signature. */
  timestamp: number;
}

/**
 * The headers of one attempt: the JSON content type, the delivery and event ids, and the
 * signature of the kernel's one scheme — `X-Rapport-Timestamp: <unix seconds>` and
 * `X-Rapport-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`.
 */
export function deliveryHeaders(input: SignedDelivery): Record<string, string> {
  const { headers } = signRequest({ secret: input.secret, body: input.body, timestamp: input.timestamp });
  return {
    'content-type': 'application/json',
    'user-agent': 'Rapport-Webhooks/0.1',
    [DELIVERY_HEADER]: input.deliveryId,
    [EVENT_HEADER]: input.eventId,
    [EVENT_NAME_HEADER]: input.eventName,
    ...headers,
  };
}
