import { KERNEL, type RegisterContext } from '@rapport/core';
import type { AdapterRegistry } from '../adapters/adapter-registry.js';
import type { MessagingOptions } from '../options.js';
import { MESSAGING_PLUGIN_ID } from '../plugin-id.js';
import { MESSAGE_QUEUED } from '../status/message-events.js';
import { DELIVERY, Dispatcher } from './dispatcher.js';

/**
 * Delivery: a message queued to go now is delivered after commit by the outbox
 * (`messaging.message.queued`, a non-transactional handler, so an outbox redelivery after a crash
 * finds the message already claimed or sent); the `messaging.deliverDue` job sends what became
 * due since — retries after their backoff, deferred messages, and messages whose `sending` lease
 * ran out because a process died mid-send.
 */
export function declareDelivery(ctx: RegisterContext<MessagingOptions>, adapters: AdapterRegistry): void {
  ctx.services.provide(DELIVERY, {
    deps: { kernel: KERNEL },
    factory: ({ kernel }) => new Dispatcher(kernel, ctx.options, adapters),
  });
  ctx.events.on<{ id: string }>(
    MESSAGE_QUEUED,
    (event, handler) => handler.resolve(DELIVERY).deliver(event.payload.id),
    {
      id: `${MESSAGING_PLUGIN_ID}:deliver`,
      transactional: false,
    },
  );
  ctx.jobs.every(`${MESSAGING_PLUGIN_ID}.deliverDue`, ctx.options.sweepEvery, async (job) => {
    await job.resolve(DELIVERY).deliverDue();
  });
}
