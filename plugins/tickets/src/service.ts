import { type Actor, createToken, type Kernel, type MetricPeriod } from '@rapport/core';
import type { RatingRecord } from './entities/rating.js';
import type { TicketsOptions } from './options.js';
import { TICKETS_PLUGIN_ID } from './plugin-id.js';
import { issueProgressLink, type ProgressLink } from './progress/progress-links.js';
import { agentQueue, type QueueEntry } from './queue/agent-queue.js';
import { issueRatingLink, type RatingInput, rateTicket } from './ratings/rate-ticket.js';
import { runSlaJob, type SlaRunReport } from './sla/sla-job.js';
import { type TicketStats, ticketStats } from './stats/ticket-stats.js';

/** The tickets plugin's operations, for routes, jobs, tools and other plugins. */
export interface TicketsService {
  /** Recomputes the tickets whose next SLA threshold has passed (the job does it every `slaEvery`). */
  runSla(): Promise<SlaRunReport>;
  /** The caller's queue, ordered by SLA urgency (record rules apply). */
  queue(actor: Actor, limit?: number): Promise<QueueEntry[]>;
  /** The backlog and the period's service figures, as the caller (record rules apply). */
  stats(actor: Actor, period: MetricPeriod): Promise<TicketStats>;
  /**
   * Issues a reusable, expiring link to the ticket's progress page for its customer; with an
   * `actor`, as that actor (needs `ticket:update`, and the ticket must be theirs to see).
   */
  issueProgressLink(ticketId: string, actor?: Actor): Promise<ProgressLink>;
  /** Issues the single-use rating link token of a resolved ticket. */
  issueRatingLink(ticketId: string): Promise<string>;
  /** Records the rating a link authorises (once); a low score reopens the ticket. */
  rate(token: string, input: RatingInput): Promise<RatingRecord>;
}

/** The token of the {@link TicketsService}. */
export const TICKETS = createToken<TicketsService>(`${TICKETS_PLUGIN_ID}.service`);

/** Creates the service of one plugin instance. */
export function createTicketsService(kernel: Kernel, options: TicketsOptions): TicketsService {
  return {
    runSla: () => runSlaJob(kernel, options.slaBatch),
    queue: (actor, limit) => agentQueue(kernel, actor, limit),
    stats: (actor, period) => ticketStats(kernel, actor, period),
    issueProgressLink: (ticketId, actor) =>
      issueProgressLink(kernel, ticketId, { ...(actor ? { actor } : {}), publicUrl: options.publicUrl }),
    issueRatingLink: (ticketId) => issueRatingLink(kernel, ticketId),
    rate: (token, input) => rateTicket(kernel, token, input, options.lowScore),
  };
}
