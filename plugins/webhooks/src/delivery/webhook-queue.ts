import {
  createToken,
  type DomainEvent,
  Gate,
  isoTime,
  type Kernel,
  missing,
  RapportError,
  SERVER_SECRET,
  SYSTEM_ACTOR,
  sweepDue,
  toMilliseconds,
} from '@rapport/core';
import {
  ANSWER_PREFIX_BYTES,
  MAX_BODY_LENGTH,
  type WebhookDelivery,
  type WebhookDeliveryRecord,
} from '../entities/webhook-delivery.js';
import type { WebhookSubscription, WebhookSubscriptionRecord } from '../entities/webhook-subscription.js';
import { matchesAny } from '../events/event-patterns.js';
import type { WebhooksOptions } from '../options.js';
import { WEBHOOKS_PLUGIN_ID } from '../plugin-id.js';
import { deliveryBody } from './event-body.js';
import { ownerStanding } from './owner-actor.js';
import { type AttemptOutcome, recordOutcome } from './record-outcome.js';
import { safePost } from './safe-post.js';
import { deliveryHeaders, subscriptionSecret } from './signing.js';
import { TargetPolicy } from './target-policy.js';

/** The plugin's own entities: their generic events are never delivered (a delivery would make one). */
export const OWN_ENTITIES: ReadonlySet<string> = new Set(['webhookSubscription', 'webhookDelivery']);

const isUniqueConflict = (error: unknown) => error instanceof RapportError && error.code === 'CONFLICT';

/**
 * The delivery queue, kept in the store as `webhookDelivery` records:
 * - {@link enqueue} turns an event into one delivery per active subscription it matches, its
 *   body read as the subscription's owner (or a `skipped` record saying why not); a unique index
 *   on (subscription, event) makes a redelivered or concurrently dispatched event queue once;
 * - {@link deliver} claims a due delivery with a version-checked `queued → sending` and a lease
 *   (of processes racing for it, one wins), posts it signed outside any transaction, and records
 *   the outcome: delivered, retried later with exponential backoff and jitter, or given up;
 * - {@link deliverDue} (the sweep job) takes what became due — retries, and deliveries whose
 *   lease ran out because a process stopped mid-send — so nothing is lost to a restart.
 */
export class WebhookQueue {
  readonly #kernel: Kernel;
  readonly #options: WebhooksOptions;
  readonly #policy: TargetPolicy;
  readonly #gate: Gate;
  readonly #random: () => number;
  readonly #attempts: ReturnType<Kernel['telemetry']['counter']>;
  readonly #seconds: ReturnType<Kernel['telemetry']['histogram']>;

  constructor(kernel: Kernel, options: WebhooksOptions, random: () => number = Math.random) {
    this.#kernel = kernel;
    this.#options = options;
    this.#policy = new TargetPolicy(options.allowPrivateTargets);
    this.#gate = new Gate(options.concurrency);
    this.#random = random;
    // for the operators' Prometheus endpoint (GET /metrics), beside the webhooks.* CRM metrics
    this.#attempts = kernel.telemetry.counter({
      name: 'rapport_webhooks_attempts_total',
      help: 'Webhook delivery attempts by outcome: delivered, retry (tried again later) or failed.',
      labelNames: ['outcome'],
    });
    this.#seconds = kernel.telemetry.histogram({
      name: 'rapport_webhooks_attempt_seconds',
      help: 'Time from sending a webhook delivery to its answer (or the time-out), by outcome.',
      labelNames: ['outcome'],
    });
  }

  /** The address policy deliveries follow (for checking a URL when a subscription is written). */
  get policy(): TargetPolicy {
    return this.#policy;
  }

  /** Queues an event for every active subscription it matches; answers the deliveries queued. */
  async enqueue(event: DomainEvent): Promise<string[]> {
    if (isOwnEvent(event)) return [];
    const subscriptions = this.#kernel.data<WebhookSubscription>('webhookSubscription', {
      actor: SYSTEM_ACTOR,
    });
    const queued: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await subscriptions.find({
        where: { active: true },
        limit: 500,
        ...(cursor ? { cursor } : {}),
      });
      for (const subscription of page.items) {
        if (!matchesAny(subscription.events, event.name)) continue;
        const id = await this.#queueFor(subscription, event);
        if (id) queued.push(id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    return queued;
  }

  /** Queues, then delivers, an event's deliveries (the outbox handler). */
  async handle(event: DomainEvent): Promise<void> {
    const ids = await this.enqueue(event);
    await Promise.all(ids.map((id) => this.deliver(id)));
  }

  /** Delivers one delivery if it is due (a no-op otherwise); resolves when the attempt is recorded. */
  deliver(id: string): Promise<void> {
    return this.#gate.run(() => this.#deliver(id));
  }

  /** Delivers every due delivery, batch by batch; answers how many were looked at. */
  deliverDue(): Promise<number> {
    return sweepDue({
      records: this.#kernel.data('webhookDelivery', { actor: SYSTEM_ACTOR }),
      now: () => isoTime(this.#kernel.clock.now()),
      work: (id) => this.deliver(id),
    });
  }

  /** Waits for the attempts running now. */
  idle(): Promise<void> {
    return this.#gate.idle();
  }

  async #queueFor(subscription: WebhookSubscriptionRecord, event: DomainEvent): Promise<string | undefined> {
    const kernel = this.#kernel;
    const standing = await ownerStanding(kernel, subscription);
    const now = isoTime(kernel.clock.now());
    try {
      return await kernel.transaction(async (tx) => {
        const verdict =
          'refused' in standing
            ? { skipped: standing.refused }
            : await deliveryBody(kernel, tx, standing.actor, event);
        const base = {
          subscriptionId: subscription.id,
          ownerId: subscription.ownerId ?? SYSTEM_ACTOR.id,
          eventId: event.id,
          eventName: event.name,
          url: subscription.url,
          attempts: 0,
        };
        const deliveries = tx.data<WebhookDelivery>('webhookDelivery', { actor: SYSTEM_ACTOR });
        if ('skipped' in verdict) {
          await deliveries.create({
            ...base,
            status: 'skipped',
            skippedReason: verdict.skipped.slice(0, 500),
          });
          return undefined;
        }
        const body = JSON.stringify(verdict.body);
        if (body.length > MAX_BODY_LENGTH) {
          await deliveries.create({
            ...base,
            status: 'skipped',
            skippedReason: `the body would be ${body.length} characters; at most ${MAX_BODY_LENGTH} are sent`,
          });
          return undefined;
        }
        const created = await deliveries.create({ ...base, status: 'queued', nextAttemptAt: now, body });
        return created.id;
      });
    } catch (error) {
      if (isUniqueConflict(error)) return undefined; // queued already (a redelivered or racing event)
      throw error;
    }
  }

  async #deliver(id: string): Promise<void> {
    let claimed: { delivery: WebhookDeliveryRecord; subscription: WebhookSubscriptionRecord } | undefined;
    try {
      claimed = await this.#claim(id);
    } catch (error) {
      if (error instanceof RapportError && error.code === 'CONFLICT') return; // another process took it
      throw error;
    }
    if (!claimed) return;
    const outcome = await this.#attempt(claimed.delivery, claimed.subscription);
    this.#attempts.inc({ outcome: outcome.kind });
    if (outcome.durationMs !== undefined)
      this.#seconds.observe({ outcome: outcome.kind }, outcome.durationMs / 1_000);
    await recordOutcome(this.#kernel, {
      delivery: claimed.delivery,
      outcome,
      options: this.#options,
      random: this.#random,
    });
  }

  /** In one transaction: checks the delivery is due and its subscription active, and takes it with a lease. */
  async #claim(id: string) {
    const kernel = this.#kernel;
    return kernel.transaction(async (tx) => {
      const deliveries = tx.data<WebhookDelivery>('webhookDelivery', { actor: SYSTEM_ACTOR });
      const delivery = await deliveries.get(id).catch(missing);
      if (!delivery) return undefined;
      const now = kernel.clock.now();
      if (delivery.status === 'queued') {
        if (delivery.nextAttemptAt && Date.parse(delivery.nextAttemptAt) > now) return undefined;
      } else if (delivery.status === 'sending') {
        if (delivery.leaseUntil && Date.parse(delivery.leaseUntil) > now) return undefined;
      } else {
        return undefined;
      }
      const subscriptions = tx.data<WebhookSubscription>('webhookSubscription', { actor: SYSTEM_ACTOR });
      const subscription = await subscriptions.get(delivery.subscriptionId).catch(missing);
      if (!subscription) {
        await deliveries.update(
          id,
          { status: 'failed', lastError: 'its subscription was deleted', leaseUntil: null as never },
          { expectedVersion: delivery.version },
        );
        return undefined;
      }
      if (!subscription.active) {
        // Held until the subscription is enabled again (enabling makes its queue due at once).
        await deliveries.update(
          id,
          {
            status: 'queued',
            nextAttemptAt: isoTime(now + toMilliseconds(this.#options.retryMax)),
            leaseUntil: null as never,
          },
          { expectedVersion: delivery.version },
        );
        return undefined;
      }
      const taken = await deliveries.update(
        id,
        {
          status: 'sending',
          attempts: delivery.attempts + 1,
          leaseUntil: isoTime(now + toMilliseconds(this.#options.sendingLease)),
        },
        { expectedVersion: delivery.version },
      );
      return { delivery: taken, subscription };
    });
  }

  /** One signed POST, outside any transaction. */
  async #attempt(
    delivery: WebhookDeliveryRecord,
    subscription: WebhookSubscriptionRecord,
  ): Promise<AttemptOutcome> {
    const secret = subscriptionSecret(this.#kernel.resolve(SERVER_SECRET), subscription);
    if (!secret) {
      return {
        kind: 'failed',
        error: `the server-secret key '${subscription.secretKid}' its signing secret came from was retired; make a new secret`,
      };
    }
    const body = delivery.body ?? '{}';
    const headers = deliveryHeaders({
      secret,
      body,
      deliveryId: delivery.id,
      eventId: delivery.eventId,
      eventName: delivery.eventName,
      timestamp: Math.floor(this.#kernel.clock.now() / 1000),
    });
    const started = performance.now();
    try {
      const answer = await safePost({
        url: subscription.url,
        headers,
        body,
        policy: this.#policy,
        timeoutMs: toMilliseconds(this.#options.timeout),
        maxResponseBytes: this.#options.maxResponseBytes,
        keepBytes: ANSWER_PREFIX_BYTES,
      });
      const durationMs = Math.round(performance.now() - started);
      const ok = answer.status >= 200 && answer.status < 300;
      return ok
        ? { kind: 'delivered', status: answer.status, durationMs, answer: answer.body }
        : {
            kind: 'retry',
            status: answer.status,
            durationMs,
            answer: answer.body,
            error: `the receiver answered ${answer.status}`,
          };
    } catch (error) {
      const durationMs = Math.round(performance.now() - started);
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof RapportError && error.code === 'WEBHOOK_TARGET_REFUSED') {
        return { kind: 'failed', durationMs, error: message };
      }
      return { kind: 'retry', durationMs, error: `the receiver could not be reached: ${message}` };
    }
  }
}

/**
 * Events the queue never delivers: the generic events of its own records, and its delivery
 * notices (a notice about a dead delivery to a broken receiver would die there in turn).
 */
function isOwnEvent(event: DomainEvent): boolean {
  if (event.name.startsWith(`${WEBHOOKS_PLUGIN_ID}.delivery.`)) return true;
  return event.name.startsWith('entity.') && OWN_ENTITIES.has(String(event.payload.entity));
}

/** The token of the plugin's {@link WebhookQueue} (one per kernel). */
export const WEBHOOK_QUEUE = createToken<WebhookQueue>(`${WEBHOOKS_PLUGIN_ID}.queue`);
