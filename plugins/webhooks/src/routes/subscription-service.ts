import {
  type Actor,
  ConflictError,
  isoTime,
  type Kernel,
  type KernelTransaction,
  SERVER_SECRET,
  SYSTEM_ACTOR,
} from '@rapport/core';
import { subscriptionSecret } from '../delivery/signing.js';
import { WEBHOOK_QUEUE } from '../delivery/webhook-queue.js';
import type { WebhookDelivery, WebhookDeliveryRecord } from '../entities/webhook-delivery.js';
import type { WebhookSubscription, WebhookSubscriptionRecord } from '../entities/webhook-subscription.js';

/** A subscription with its signing secret: answered once, when the secret is made. */
export interface WithSecret {
  subscription: WebhookSubscriptionRecord;
  secret: string;
}

const secretOf = (kernel: Kernel, subscription: WebhookSubscriptionRecord): string => {
  const secret = subscriptionSecret(kernel.resolve(SERVER_SECRET), subscription);
  if (!secret) throw new Error(`no server-secret key '${subscription.secretKid}' to derive the secret from`);
  return secret;
};

/**
 * Sets the secret generation and the server-secret key (the current one) a subscription's signing
 * secret is derived under, so a rotation of the server secret leaves the secret as it was shown.
 */
async function stampKey(
  kernel: Kernel,
  tx: KernelTransaction,
  subscription: WebhookSubscriptionRecord,
  generation: number,
): Promise<WebhookSubscriptionRecord> {
  const kid = kernel.resolve(SERVER_SECRET).keys()[0]?.kid;
  return tx
    .data<WebhookSubscription>('webhookSubscription', { actor: SYSTEM_ACTOR })
    .update(
      subscription.id,
      { secretGeneration: generation, ...(kid ? { secretKid: kid } : {}) },
      { expectedVersion: subscription.version },
    );
}

/**
 * Creates a subscription as `actor` (their permissions and the URL rules apply; they become its
 * owner) and answers it with its signing secret — the only time the secret is shown.
 */
export async function createSubscription(
  kernel: Kernel,
  actor: Actor,
  input: WebhookSubscription,
): Promise<WithSecret> {
  return kernel.transaction(async (tx) => {
    const created = await tx.data<WebhookSubscription>('webhookSubscription', { actor }).create(input);
    const subscription = await stampKey(kernel, tx, created, created.secretGeneration ?? 1);
    return { subscription, secret: secretOf(kernel, subscription) };
  });
}

/**
 * Makes a new signing secret for a subscription `actor` may update (the old one stops working
 * at once) and answers it, once. Signed under the server secret's current key.
 */
export async function renewSecret(kernel: Kernel, actor: Actor, id: string): Promise<WithSecret> {
  return kernel.transaction(async (tx) => {
    const mine = tx.data<WebhookSubscription>('webhookSubscription', { actor });
    const current = await mine.get(id);
    kernel.access.assert(actor, 'webhookSubscription', 'update');
    const subscription = await stampKey(kernel, tx, current, (current.secretGeneration ?? 1) + 1);
    return { subscription, secret: secretOf(kernel, subscription) };
  });
}

/**
 * Enables a subscription `actor` may update — one the plugin disabled after repeated failures,
 * or one switched off — with its run of failures cleared, and makes the deliveries held while it
 * was off due now.
 */
export async function enableSubscription(
  kernel: Kernel,
  actor: Actor,
  id: string,
): Promise<WebhookSubscriptionRecord> {
  const now = isoTime(kernel.clock.now());
  const enabled = await kernel.transaction(async (tx) => {
    const current = await tx.data<WebhookSubscription>('webhookSubscription', { actor }).get(id);
    kernel.access.assert(actor, 'webhookSubscription', 'update');
    return tx
      .data<WebhookSubscription>('webhookSubscription', { actor: SYSTEM_ACTOR })
      .update(
        id,
        { active: true, failureCount: 0, disabledAt: null as never, disabledReason: null as never },
        { expectedVersion: current.version },
      );
  });
  const deliveries = kernel.data<WebhookDelivery>('webhookDelivery', { actor: SYSTEM_ACTOR });
  for (;;) {
    const held = await deliveries.find({
      where: { subscriptionId: id, status: 'queued', nextAttemptAt: { gt: now } },
      limit: 200,
    });
    for (const delivery of held.items) {
      await deliveries
        .update(delivery.id, { nextAttemptAt: now }, { expectedVersion: delivery.version })
        .catch(() => undefined);
    }
    if (held.items.length < 200) break;
  }
  return enabled;
}

/**
 * Sends a given-up delivery (`dead` or `failed`) again: `actor` must see it and may update
 * subscriptions; its attempts start over, due now. A delivery in any other state is a 409.
 */
export async function retryDelivery(
  kernel: Kernel,
  actor: Actor,
  id: string,
): Promise<WebhookDeliveryRecord> {
  const retried = await kernel.transaction(async (tx) => {
    const delivery = await tx.data<WebhookDelivery>('webhookDelivery', { actor }).get(id);
    kernel.access.assert(actor, 'webhookSubscription', 'update');
    if (delivery.status !== 'dead' && delivery.status !== 'failed') {
      throw ConflictError.state(
        `delivery ${id} is ${delivery.status}; only a dead or failed delivery is sent again`,
        { entity: 'webhookDelivery', id, status: delivery.status },
      );
    }
    return tx
      .data<WebhookDelivery>('webhookDelivery', { actor: SYSTEM_ACTOR })
      .update(
        id,
        { status: 'queued', attempts: 0, nextAttemptAt: isoTime(kernel.clock.now()) },
        { expectedVersion: delivery.version },
      );
  });
  void kernel.resolve(WEBHOOK_QUEUE).deliver(id);
  return retried;
}
