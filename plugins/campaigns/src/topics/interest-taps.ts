import { fieldError, type RegisterContext } from '@rapport/core';
import { MESSAGE_RECEIVED } from '@rapport/plugin-messaging';
import type { Order } from '@rapport/plugin-sales';
import type { Interest } from '../entities/interest.js';
import type { Topic } from '../entities/topic.js';
import type { CampaignsOptions } from '../options.js';
import { CAMPAIGNS_PLUGIN_ID } from '../plugin-id.js';
import { follow, inferFromOrder, topicOfKeyword } from './interests.js';

/**
 * An interest names an existing topic (400 otherwise). Interests the plugin records by itself: a reply that is exactly a topic's keyword (`GARDEN`)
 * from a known customer follows that topic (declared, via `keyword`); with sales installed, an
 * order of a product a topic's `inferFrom` lists follows that topic (inferred, via `order`, the
 * rule stated), in the order's transaction.
 */
export function tapInterestSources(ctx: RegisterContext<CampaignsOptions>, sales: boolean): void {
  ctx.hooks.entity<Interest>('campaignInterest').validate.tapPromise(CAMPAIGNS_PLUGIN_ID, async (write) => {
    if (write.operation === 'delete') return;
    if ((await write.system<Topic>('campaignTopic').count({ key: write.record.topic })) === 0) {
      throw fieldError(
        'campaignInterest',
        'topic',
        'campaigns.topic',
        `names no topic '${write.record.topic}'`,
      );
    }
  });
  ctx.events.on<{ customerId?: string; text: string }>(
    MESSAGE_RECEIVED,
    async ({ payload }, handler) => {
      if (!payload.customerId) return;
      const topics = handler.data<Topic>('campaignTopic');
      const topic = await topicOfKeyword(topics, payload.text);
      if (!topic) return;
      await follow(
        handler.data<Interest>('campaignInterest'),
        topics,
        { customerId: payload.customerId, topic: topic.key, source: 'declared', via: 'keyword' },
        handler.now(),
      );
    },
    { id: `${CAMPAIGNS_PLUGIN_ID}:keywordInterest` },
  );
  if (!sales) return;
  ctx.hooks
    .entity<Order>('order')
    .afterCreate.tapPromise(`${CAMPAIGNS_PLUGIN_ID}:interests`, async (order, write) => {
      await inferFromOrder(
        write.system<Interest>('campaignInterest'),
        write.system<Topic>('campaignTopic'),
        order,
        write.now(),
      );
    });
}
