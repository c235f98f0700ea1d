import { isoTime, type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import type { WebhookDelivery } from '../entities/webhook-delivery.js';

/** Finished deliveries removed per run of the sweep at most. */
const PRUNE_BATCH = 500;

/**
 * Removes finished deliveries (delivered, failed, dead, skipped) last changed more than `keepMs`
 * ago, oldest first, at most a batch per call; queued and sending ones are never removed. Answers
 * how many went. The sweep job calls it, so the log keeps `keepDeliveries` of history.
 */
export async function pruneDeliveries(kernel: Kernel, keepMs: number): Promise<number> {
  const deliveries = kernel.data<WebhookDelivery>('webhookDelivery', { actor: SYSTEM_ACTOR });
  const old = await deliveries.find({
    where: {
      status: { in: ['delivered', 'failed', 'dead', 'skipped'] },
      updatedAt: { lt: isoTime(kernel.clock.now() - keepMs) },
    },
    sort: ['updatedAt', 'id'],
    limit: PRUNE_BATCH,
    fields: ['id'],
  });
  for (const { id } of old.items) await deliveries.delete(id).catch(() => undefined); // gone already: fine
  return old.items.length;
}
