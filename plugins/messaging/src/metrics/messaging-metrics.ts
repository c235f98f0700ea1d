import {
  type MetricContext,
  type MetricDefinition,
  type MetricPeriod,
  periodWhere,
  ratioOrNull,
  type Where,
} from '@rapport/core';
import type { Consent } from '../entities/consent.js';
import type { Message } from '../entities/message.js';
import { MESSAGING_PLUGIN_ID } from '../plugin-id.js';
import { CHANNELS } from '../vocabulary.js';

const PARAMETERS = {
  properties: { channel: { type: 'string', enum: [...CHANNELS], description: 'Only this channel.' } },
};

const scope = (context: MetricContext): Where =>
  typeof context.params.channel === 'string' ? { channel: context.params.channel } : {};

const sentIn = (context: MetricContext, period: MetricPeriod, extra: Where = {}) =>
  context
    .data<Message>('message')
    .count({ ...scope(context), direction: 'outbound', sentAt: periodWhere(period), ...extra });

/**
 * The plugin's metrics over a period [from, to), by channel when asked (`channel`), computed as
 * the caller (they need `message:read`, and `consent:read` for the opt-out rate):
 * - `messaging.sent`: outbound messages a provider accepted in the period;
 * - `messaging.deliveryRate`: of those, the share a provider reported delivered;
 * - `messaging.bounceRate`: bounces in the period over messages accepted plus bounced;
 * - `messaging.optOutRate`: marketing opt-outs in the period over marketing messages accepted.
 */
export const MESSAGING_METRICS: MetricDefinition[] = [
  {
    id: `${MESSAGING_PLUGIN_ID}.sent`,
    unit: 'count',
    better: 'higher',
    description: 'Outbound messages a provider accepted in the period.',
    parameters: PARAMETERS,
    compute: (period, context) => sentIn(context, period),
  },
  {
    id: `${MESSAGING_PLUGIN_ID}.deliveryRate`,
    unit: 'ratio',
    better: 'higher',
    description: 'Of the messages accepted in the period, the share reported delivered.',
    parameters: PARAMETERS,
    async compute(period, context) {
      const [sent, delivered] = await Promise.all([
        sentIn(context, period),
        sentIn(context, period, { status: 'delivered' }),
      ]);
      return ratioOrNull(delivered, sent);
    },
  },
  {
    id: `${MESSAGING_PLUGIN_ID}.bounceRate`,
    unit: 'ratio',
    better: 'lower',
    description: 'Bounces in the period over messages accepted plus bounced.',
    parameters: PARAMETERS,
    async compute(period, context) {
      const [sent, bounced] = await Promise.all([
        sentIn(context, period, { status: { ne: 'bounced' } }),
        context.data<Message>('message').count({
          ...scope(context),
          direction: 'outbound',
          status: 'bounced',
          failedAt: periodWhere(period),
        }),
      ]);
      return ratioOrNull(bounced, sent + bounced);
    },
  },
  {
    id: `${MESSAGING_PLUGIN_ID}.optOutRate`,
    unit: 'ratio',
    better: 'lower',
    description: 'Marketing opt-outs in the period over marketing messages accepted in it.',
    parameters: PARAMETERS,
    async compute(period, context) {
      const [sent, outs] = await Promise.all([
        sentIn(context, period, { purpose: 'marketing' }),
        context
          .data<Consent>('consent')
          .count({ ...scope(context), purpose: 'marketing', state: 'out', at: periodWhere(period) }),
      ]);
      return ratioOrNull(outs, sent);
    },
  },
];
