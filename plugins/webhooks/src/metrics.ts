import { type MetricDefinition, periodWhere, ratioOrNull } from '@rapport/core';
import type { WebhookDelivery } from './entities/webhook-delivery.js';
import type { WebhookSubscription } from './entities/webhook-subscription.js';
import { WEBHOOKS_PLUGIN_ID } from './plugin-id.js';

/**
 * The plugin's metrics, computed as the caller (an owner sees their own webhooks' figures, an
 * admin everyone's):
 * - `webhooks.deliverySuccessRate`: of the deliveries queued in the period that have finished,
 *   the share delivered (the rest were given up or refused); null when none finished;
 * - `webhooks.deliveries`: deliveries that reached their receiver in the period;
 * - `webhooks.disabledSubscriptions`: subscriptions switched off now (by the plugin after
 *   failing, or by hand).
 */
export function webhookMetrics(): MetricDefinition[] {
  return [
    {
      id: `${WEBHOOKS_PLUGIN_ID}.deliverySuccessRate`,
      unit: 'ratio',
      better: 'higher',
      description: 'Share of the finished deliveries queued in the period that reached their receiver.',
      async compute(period, context) {
        const rows = await context.data<WebhookDelivery>('webhookDelivery').aggregate({
          where: { createdAt: periodWhere(period), status: { in: ['delivered', 'failed', 'dead'] } },
          groupBy: ['status'],
          measures: { n: 'count' },
        });
        const count = (status: string) => Number(rows.find((row) => row.status === status)?.n ?? 0);
        const delivered = count('delivered');
        return ratioOrNull(delivered, delivered + count('failed') + count('dead'));
      },
    },
    {
      id: `${WEBHOOKS_PLUGIN_ID}.deliveries`,
      unit: 'count',
      better: 'higher',
      description: 'Deliveries that reached their receiver in the period.',
      compute: (period, context) =>
        context
          .data<WebhookDelivery>('webhookDelivery')
          .count({ status: 'delivered', deliveredAt: periodWhere(period) }),
    },
    {
      id: `${WEBHOOKS_PLUGIN_ID}.disabledSubscriptions`,
      unit: 'count',
      better: 'lower',
      description: 'Webhook subscriptions switched off now.',
      compute: (_period, context) =>
        context.data<WebhookSubscription>('webhookSubscription').count({ active: false }),
    },
  ];
}
