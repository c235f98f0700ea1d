import type { CustomerHooks, TimelineItem } from '@rapport/plugin-customers';
import { timelineWhere } from '@rapport/plugin-customers';
import { NPS_PLUGIN_ID } from './plugin-id.js';
import type { NpsResponse } from './response-entity.js';
import { npsCategory } from './score.js';

type NpsResponseRecord = NpsResponse & { id: string };

/** An answer as an item of the customer's timeline. */
export function responseItem(response: NpsResponseRecord): TimelineItem {
  const category = npsCategory(response.score);
  return {
    id: response.id,
    at: response.answeredAt,
    source: NPS_PLUGIN_ID,
    type: 'nps.answered',
    title: `Answered the NPS survey: ${response.score}/10 (${category})`,
    ...(response.comment ? { summary: response.comment } : {}),
    ref: { entity: 'npsResponse', id: response.id },
    data: { score: response.score, category },
  };
}

/**
 * Contributes the customer's NPS answers to the timeline the customers plugin publishes, newest
 * first, as the caller sees them (a caller who may not read answers gets none).
 */
export function tapNpsTimeline(hooks: CustomerHooks): void {
  hooks.timeline.tapPromise(NPS_PLUGIN_ID, async (request) => {
    if (!request.canRead('npsResponse')) return;
    const page = await request.data<NpsResponse>('npsResponse').find({
      where: { customerId: request.customerId, ...timelineWhere('answeredAt', request.before) },
      sort: ['-answeredAt', '-id'],
      limit: request.limit,
    });
    request.add((page.items as NpsResponseRecord[]).map(responseItem));
  });
}
