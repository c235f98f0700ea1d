import type { InteractionRecord } from '../entities/interaction.js';
import type { CustomerHooks } from '../hooks/customer-hooks.js';
import { CUSTOMERS_PLUGIN_ID } from '../plugin-id.js';
import { timelineWhere } from './timeline-cursor.js';
import type { TimelineItem } from './timeline-types.js';

/** An interaction as a timeline item. */
export function interactionItem(interaction: InteractionRecord): TimelineItem {
  return {
    id: interaction.id,
    at: interaction.occurredAt,
    source: CUSTOMERS_PLUGIN_ID,
    type: 'interaction',
    title: interaction.subject,
    ...(interaction.summary ? { summary: interaction.summary } : {}),
    channel: interaction.channel,
    direction: interaction.direction,
    ...(interaction.byId ? { byId: interaction.byId } : {}),
    ref: { entity: 'interaction', id: interaction.id },
    ...(interaction.contactId ? { data: { contactId: interaction.contactId } } : {}),
  };
}

/** The plugin's own timeline source: the customer's interactions on every channel. */
export function tapInteractionTimeline(hooks: CustomerHooks): void {
  hooks.timeline.tapPromise(CUSTOMERS_PLUGIN_ID, async (request) => {
    if (!request.canRead('interaction')) return;
    const page = await request.data<InteractionRecord>('interaction').find({
      where: { customerId: request.customerId, ...timelineWhere('occurredAt', request.before) },
      sort: ['-occurredAt', '-id'],
      limit: request.limit,
    });
    request.add(page.items.map((item) => interactionItem(item as InteractionRecord)));
  });
}
