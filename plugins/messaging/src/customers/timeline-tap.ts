import type { CustomerHooks, TimelineItem } from '@rapport/plugin-customers';
import { timelineWhere } from '@rapport/plugin-customers';
import type { Message, MessageRecord } from '../entities/message.js';
import { MESSAGING_PLUGIN_ID } from '../plugin-id.js';

const CHANNEL_NAMES = { email: 'E-mail', sms: 'SMS', webhook: 'Webhook' } as const;

/**
 * The customer timeline: each outbound message when it was queued, with its status (inbound
 * messages are already there as inbound interactions), as the caller may read them.
 */
export function tapCustomerTimeline(hooks: CustomerHooks): void {
  hooks.timeline.tapPromise(MESSAGING_PLUGIN_ID, async (request) => {
    if (!request.canRead('message')) return;
    const page = await request.data<Message>('message').find({
      where: {
        customerId: request.customerId,
        direction: 'outbound',
        ...timelineWhere('queuedAt', request.before),
      },
      sort: ['-queuedAt', '-id'],
      limit: request.limit,
      fields: [
        'channel',
        'subject',
        'text',
        'status',
        'purpose',
        'queuedAt',
        'reason',
        'templateKey',
        'requestedBy',
      ],
    });
    request.add(
      (page.items as MessageRecord[]).map(
        (message): TimelineItem => ({
          id: message.id,
          at: message.queuedAt ?? message.createdAt,
          source: MESSAGING_PLUGIN_ID,
          type: `message.${message.status}`,
          title: `${CHANNEL_NAMES[message.channel]}${message.subject ? `: ${message.subject}` : ''}`,
          summary: `${message.purpose}, ${message.status}${message.reason ? ` (${message.reason.code})` : ''}: ${message.text.slice(0, 120)}`,
          channel: message.channel,
          direction: 'outbound',
          ...(message.requestedBy ? { byId: message.requestedBy } : {}),
          ref: { entity: 'message', id: message.id },
          data: {
            status: message.status,
            purpose: message.purpose,
            ...(message.templateKey ? { template: message.templateKey } : {}),
            ...(message.reason ? { reason: message.reason.code } : {}),
          },
        }),
      ),
    );
  });
}
