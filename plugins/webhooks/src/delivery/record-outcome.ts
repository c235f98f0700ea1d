import { isoTime, type Kernel, missing, RapportError, SYSTEM_ACTOR, toMilliseconds } from '@rapport/core';
import type { WebhookDelivery, WebhookDeliveryRecord } from '../entities/webhook-delivery.js';
import type { WebhookSubscription } from '../entities/webhook-subscription.js';
import type { WebhooksOptions } from '../options.js';
import { WEBHOOKS_PLUGIN_ID } from '../plugin-id.js';
import { retryDelay } from './backoff.js';

/** The event emitted when a subscription is disabled after failing `disableAfter` times in a row. */
export const SUBSCRIPTION_DISABLED = `${WEBHOOKS_PLUGIN_ID}.subscription.disabled`;
/** The event emitted when a delivery is given up (`dead`) after `maxAttempts`. */
export const DELIVERY_DEAD = `${WEBHOOKS_PLUGIN_ID}.delivery.dead`;

/** How one attempt went. */
export type AttemptOutcome =
  | { kind: 'delivered'; status: number; durationMs: number; answer: string }
  /** Worth trying again (an error status, no answer, a time-out). */
  | { kind: 'retry'; status?: number; durationMs: number; answer?: string; error: string }
  /** Never worth trying again (a refused target, a retired signing key). */
  | { kind: 'failed'; status?: number; durationMs?: number; answer?: string; error: string };

const MAX_CONFLICT_RETRIES = 20;
/** How stale a subscription's `lastDeliveryAt` may be while it succeeds. */
const LAST_DELIVERY_RESOLUTION_MS = 60_000;

/** Runs `work` again when a concurrent writer made it a version CONFLICT (each run reads afresh). */
async function retryingConflicts<R>(work: () => Promise<R>): Promise<R> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof RapportError && error.code === 'CONFLICT') || attempt >= MAX_CONFLICT_RETRIES)
        throw error;
    }
  }
}

/**
 * Records an attempt: the delivery's status, answer and next attempt (exponential backoff with
 * jitter, `dead` after `maxAttempts`), and the subscription's run of failures — reset by a
 * success, and when it reaches `disableAfter` the subscription is disabled and
 * `webhooks.subscription.disabled` emitted, in the same transaction. An attempt whose lease was
 * taken over meanwhile (the delivery is no longer this attempt's) records nothing.
 */
export async function recordOutcome(
  kernel: Kernel,
  input: {
    delivery: WebhookDeliveryRecord;
    outcome: AttemptOutcome;
    options: WebhooksOptions;
    random: () => number;
  },
): Promise<void> {
  const { delivery, outcome, options } = input;
  await retryingConflicts(() =>
    kernel.transaction(async (tx) => {
      const deliveries = tx.data<WebhookDelivery>('webhookDelivery', { actor: SYSTEM_ACTOR });
      const current = await deliveries.get(delivery.id).catch(missing);
      if (current?.status !== 'sending' || current.attempts !== delivery.attempts) return;
      const now = kernel.clock.now();
      const answer = {
        ...(outcome.status === undefined
          ? { responseStatus: null as never }
          : { responseStatus: outcome.status }),
        ...(outcome.durationMs === undefined ? {} : { durationMs: outcome.durationMs }),
        responseBody: outcome.answer ?? (null as never),
        leaseUntil: null as never,
      };
      let patch: Partial<WebhookDelivery>;
      if (outcome.kind === 'delivered') {
        patch = {
          ...answer,
          status: 'delivered',
          deliveredAt: isoTime(now),
          nextAttemptAt: null as never,
          lastError: null as never,
        };
      } else if (outcome.kind === 'failed' || current.attempts >= options.maxAttempts) {
        patch = {
          ...answer,
          status: outcome.kind === 'failed' ? 'failed' : 'dead',
          nextAttemptAt: null as never,
          lastError: outcome.error.slice(0, 2_000),
        };
      } else {
        const delay = retryDelay(
          current.attempts,
          toMilliseconds(options.retryBase),
          toMilliseconds(options.retryMax),
          input.random(),
        );
        patch = {
          ...answer,
          status: 'queued',
          nextAttemptAt: isoTime(now + delay),
          lastError: outcome.error.slice(0, 2_000),
        };
      }
      await deliveries.update(delivery.id, patch, { expectedVersion: current.version });
      if (patch.status === 'dead') {
        tx.emit(
          DELIVERY_DEAD,
          {
            entity: 'webhookDelivery',
            id: delivery.id,
            subscriptionId: delivery.subscriptionId,
            eventId: delivery.eventId,
            attempts: current.attempts,
          },
          { actor: SYSTEM_ACTOR },
        );
      }
      const subscriptions = tx.data<WebhookSubscription>('webhookSubscription', { actor: SYSTEM_ACTOR });
      const subscription = await subscriptions.get(delivery.subscriptionId).catch(missing);
      if (!subscription) return;
      if (outcome.kind === 'delivered') {
        // A run of successes writes the subscription once a minute, not per delivery.
        const last = subscription.lastDeliveryAt ? Date.parse(subscription.lastDeliveryAt) : 0;
        if ((subscription.failureCount ?? 0) === 0 && now - last < LAST_DELIVERY_RESOLUTION_MS) return;
        await subscriptions.update(
          subscription.id,
          { failureCount: 0, lastDeliveryAt: isoTime(now) },
          { expectedVersion: subscription.version },
        );
        return;
      }
      const failures = (subscription.failureCount ?? 0) + 1;
      const disable = subscription.active && failures >= options.disableAfter;
      const reason = `${failures} failed attempts in a row; the last: ${outcome.error}`.slice(0, 500);
      await subscriptions.update(
        subscription.id,
        {
          failureCount: failures,
          ...(disable ? { active: false, disabledAt: isoTime(now), disabledReason: reason } : {}),
        },
        { expectedVersion: subscription.version },
      );
      if (disable) {
        tx.emit(
          SUBSCRIPTION_DISABLED,
          { entity: 'webhookSubscription', id: subscription.id, url: subscription.url, failures, reason },
          { actor: SYSTEM_ACTOR },
        );
      }
    }),
  );
}
