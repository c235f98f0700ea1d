import type { CustomerHooks, TimelineItem, TimelineRequest } from '@rapport/plugin-customers';
import { timelineWhere } from '@rapport/plugin-customers';
import type { Rating, RatingRecord } from '../entities/rating.js';
import type { Ticket, TicketRecord } from '../entities/ticket.js';
import { TICKETS_PLUGIN_ID } from '../plugin-id.js';

const label = (ticket: TicketRecord) => `${ticket.reference ?? 'Ticket'}: ${ticket.subject}`;

async function opened(request: TimelineRequest): Promise<TimelineItem[]> {
  const page = await request.data<Ticket>('ticket').find({
    where: { customerId: request.customerId, ...timelineWhere('createdAt', request.before) },
    sort: ['-createdAt', '-id'],
    limit: request.limit,
  });
  return (page.items as TicketRecord[]).map((ticket) => ({
    id: ticket.id,
    at: ticket.createdAt,
    source: TICKETS_PLUGIN_ID,
    type: 'ticket.opened',
    title: `Ticket opened ${label(ticket)}`,
    summary: `${ticket.type}, ${ticket.priority ?? 'normal'} priority; now ${ticket.status ?? 'new'}`,
    ...(ticket.channel ? { channel: ticket.channel } : {}),
    ...(ticket.assigneeId ? { byId: ticket.assigneeId } : {}),
    ref: { entity: 'ticket', id: ticket.id },
    data: {
      reference: ticket.reference ?? null,
      type: ticket.type,
      priority: ticket.priority ?? 'normal',
      status: ticket.status ?? 'new',
    },
  }));
}

/** Resolved tickets, at their (latest) resolution; the item id is the ticket's with `:resolved`. */
async function resolved(request: TimelineRequest): Promise<TimelineItem[]> {
  const page = await request.data<Ticket>('ticket').find({
    where: {
      customerId: request.customerId,
      resolvedAt: { exists: true },
      ...timelineWhere('resolvedAt', request.before),
    },
    sort: ['-resolvedAt', '-id'],
    limit: request.limit,
  });
  return (page.items as TicketRecord[]).map((ticket) => ({
    id: `${ticket.id}:resolved`,
    at: ticket.resolvedAt as string,
    source: TICKETS_PLUGIN_ID,
    type: 'ticket.resolved',
    title: `Ticket resolved ${label(ticket)}`,
    ...(ticket.resolution ? { summary: ticket.resolution } : {}),
    ...(ticket.assigneeId ? { byId: ticket.assigneeId } : {}),
    ref: { entity: 'ticket', id: ticket.id },
    data: {
      reference: ticket.reference ?? null,
      resolutionCategory: ticket.resolutionCategory ?? null,
      slaMet: ticket.slaTargetsDone ? (ticket.slaTargetsMet ?? 0) === ticket.slaTargetsDone : null,
    },
  }));
}

async function rated(request: TimelineRequest): Promise<TimelineItem[]> {
  if (!request.canRead('ticketRating')) return [];
  const page = await request.data<Rating>('ticketRating').find({
    where: { customerId: request.customerId, ...timelineWhere('ratedAt', request.before) },
    sort: ['-ratedAt', '-id'],
    limit: request.limit,
  });
  return (page.items as RatingRecord[]).map((rating) => ({
    id: rating.id,
    at: rating.ratedAt,
    source: TICKETS_PLUGIN_ID,
    type: 'ticket.rated',
    title: `Rated the service ${rating.score}/5`,
    ...(rating.comment ? { summary: rating.comment } : {}),
    ref: { entity: 'ticket', id: rating.ticketId },
    data: { score: rating.score },
  }));
}

/**
 * The customer timeline: tickets when opened (with their current status), when resolved (the
 * latest resolution) and when rated, newest first, as the caller sees them (an agent sees their
 * teams' tickets and ratings; a caller without `ticket:read` gets none).
 */
export function tapTicketsTimeline(hooks: CustomerHooks): void {
  hooks.timeline.tapPromise(TICKETS_PLUGIN_ID, async (request) => {
    if (!request.canRead('ticket')) return;
    const parts = await Promise.all([opened(request), resolved(request), rated(request)]);
    request.add(parts.flat());
  });
}
