import { definePlugin, KERNEL, toMilliseconds } from '@rapport/core';
import { declareAccess } from './access.js';
import { pruneDeliveries } from './delivery/prune.js';
import { WEBHOOK_QUEUE, WebhookQueue } from './delivery/webhook-queue.js';
import { WebhookDeliveryEntity } from './entities/webhook-delivery.js';
import {
  type WebhookSubscription,
  WebhookSubscriptionEntity,
  type WebhookSubscriptionRecord,
} from './entities/webhook-subscription.js';
import { EVENT_INTEREST, EventInterest } from './events/event-interest.js';
import { webhookMetrics } from './metrics.js';
import { OPTIONS_SCHEMA, type WebhooksInput, type WebhooksOptions } from './options.js';
import { WEBHOOKS_PLUGIN_ID } from './plugin-id.js';
import { WEBHOOK_ROUTES_OPENAPI } from './routes/openapi.js';
import { webhookRoutes } from './routes/webhook-routes.js';
import { declareViews } from './views.js';

/**
 * Outbound webhooks: subscriptions to event names and patterns (`sales.deal.*`), each event
 * queued in the store as one delivery per matching subscription, its body read as the
 * subscription's owner, and posted signed (`X-Rapport-Signature`) with a stable delivery id, with
 * retries (exponential backoff and jitter), a delivery log, and automatic disabling of a
 * subscription that keeps failing. Private, loopback and link-local targets are refused unless
 * allowed. Events go through the outbox to the plugin's `*` handler — those some active
 * subscription's patterns may match; the others write nothing for it.
 *
 * @example
 * ```ts
 * const kernel = await createKernel({ store, plugins: [customers(), sales(), webhooks()] });
 * const { secret } = await createSubscription(kernel, actor, { url: 'https://erp.example/hooks', events: ['sales.deal.won'] });
 * ```
 */
export const webhooks = definePlugin<WebhooksOptions, WebhooksInput>({
  id: WEBHOOKS_PLUGIN_ID,
  version: '0.1.0',
  description: 'Outbound webhooks: signed, retried, once per event, as the subscription owner may read it.',
  options: OPTIONS_SCHEMA,
  register(ctx) {
    ctx.entities.define(WebhookSubscriptionEntity, WebhookDeliveryEntity);
    declareAccess(ctx);
    ctx.services.provide(WEBHOOK_QUEUE, {
      deps: { kernel: KERNEL },
      factory: ({ kernel }) => new WebhookQueue(kernel, ctx.options),
    });
    const interest = new EventInterest();
    ctx.services.provide(EVENT_INTEREST, { value: interest });
    const subscriptions = ctx.hooks.entity<WebhookSubscription>('webhookSubscription');
    const count = async (record: WebhookSubscriptionRecord) => {
      if (record.active) interest.add(record.events);
    };
    subscriptions.afterCreate.tapPromise(WEBHOOKS_PLUGIN_ID, count);
    subscriptions.afterUpdate.tapPromise(WEBHOOKS_PLUGIN_ID, count);
    ctx.events.on('*', (event, handler) => handler.resolve(WEBHOOK_QUEUE).handle(event), {
      id: `${WEBHOOKS_PLUGIN_ID}:enqueue`,
      transactional: false,
      accepts: (name) => interest.wants(name),
    });
    ctx.jobs.every(`${WEBHOOKS_PLUGIN_ID}.deliverDue`, ctx.options.sweepEvery, async (job) => {
      await job.resolve(EVENT_INTEREST).refresh(job.resolve(KERNEL));
      await job.resolve(WEBHOOK_QUEUE).deliverDue();
      await pruneDeliveries(job.resolve(KERNEL), toMilliseconds(ctx.options.keepDeliveries));
    });
    for (const metric of webhookMetrics()) ctx.metrics.define(metric);
    ctx.routes.mount(webhookRoutes(), { openapi: WEBHOOK_ROUTES_OPENAPI });
    declareViews(ctx);
  },
  async start(ctx) {
    await ctx.resolve(EVENT_INTEREST).refresh(ctx);
  },
});

/** The type of {@link webhooks}: `webhooks(options?)` gives the installable plugin. */
export type WebhooksPluginFactory = typeof webhooks;
