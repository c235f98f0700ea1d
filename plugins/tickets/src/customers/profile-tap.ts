import type { CustomerHooks, ProfileRequest } from '@rapport/plugin-customers';
import type { Rating } from '../entities/rating.js';
import type { Ticket } from '../entities/ticket.js';
import { TICKETS_PLUGIN_ID } from '../plugin-id.js';
import { QUEUE_STATUSES } from '../queue/agent-queue.js';

async function ratings(request: ProfileRequest) {
  if (!request.canRead('ticketRating')) return { ratings: 0, averageRating: null, lastRating: null };
  const repo = request.data<Rating>('ticketRating');
  const [row] = await repo.aggregate({
    where: { customerId: request.customerId },
    measures: { n: 'count', total: 'sum:score' },
  });
  const n = Number(row?.n ?? 0);
  const { items } = await repo.find({
    where: { customerId: request.customerId },
    sort: ['-ratedAt', '-id'],
    limit: 1,
  });
  const last = items[0];
  return {
    ratings: n,
    averageRating: n === 0 ? null : Math.round((Number(row?.total ?? 0) / n) * 100) / 100,
    lastRating: last ? { score: last.score, ratedAt: last.ratedAt } : null,
  };
}

/**
 * The 7P Performance part, the service record: the customer's tickets, how many are open, their
 * complaints (and open ones), their ratings' average and the latest rating (the last CSAT).
 * Read as the caller; a caller without `ticket:read` adds nothing.
 */
export function tapTicketsProfile(hooks: CustomerHooks): void {
  hooks.profile.tapPromise(TICKETS_PLUGIN_ID, async (request) => {
    if (!request.canRead('ticket')) return;
    const rows = await request.data<Ticket>('ticket').aggregate({
      where: { customerId: request.customerId },
      groupBy: ['type', 'status'],
      measures: { n: 'count' },
    });
    const open = (row: (typeof rows)[number]) => (QUEUE_STATUSES as readonly unknown[]).includes(row.status);
    const sum = (keep: (row: (typeof rows)[number]) => boolean) =>
      rows.filter(keep).reduce((total, row) => total + Number(row.n), 0);
    const tickets = sum(() => true);
    const openTickets = sum(open);
    const complaints = sum((row) => row.type === 'complaint');
    const openComplaints = sum((row) => row.type === 'complaint' && open(row));
    const rated = await ratings(request);
    const last = rated.lastRating ? `; last rating ${rated.lastRating.score}/5` : '';
    request.contribute('performance', {
      source: TICKETS_PLUGIN_ID,
      summary:
        tickets === 0
          ? 'no service tickets'
          : `${tickets} ticket(s), ${openTickets} open; ${complaints} complaint(s)${last}`,
      data: { tickets, openTickets, complaints, openComplaints, ...rated },
    });
  });
}
