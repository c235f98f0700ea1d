import { type Actor, isoTime, type Kernel, type MetricPeriod } from '@rapport/core';
import type { Ticket } from '../entities/ticket.js';
import { TICKETS_PLUGIN_ID } from '../plugin-id.js';
import { QUEUE_STATUSES } from '../queue/agent-queue.js';

/** One group of a breakdown: its value (null when the field is empty) and how many tickets. */
export interface StatsGroup {
  value: string | null;
  count: number;
}

/** The fields the stats break tickets down by. */
export const STATS_DIMENSIONS = ['status', 'priority', 'team', 'type', 'channel'] as const;
/** @see STATS_DIMENSIONS */
export type StatsDimension = (typeof STATS_DIMENSIONS)[number];

/** The figures of the period, each the metric of the same name (null when there is nothing to measure). */
export const STATS_FIGURES = {
  firstResponseMinutes: `${TICKETS_PLUGIN_ID}.firstResponseTime`,
  resolutionMinutes: `${TICKETS_PLUGIN_ID}.resolutionTime`,
  slaMet: `${TICKETS_PLUGIN_ID}.slaMet`,
  csat: `${TICKETS_PLUGIN_ID}.csat`,
  averageRating: `${TICKETS_PLUGIN_ID}.averageRating`,
  complaintRate: `${TICKETS_PLUGIN_ID}.complaintRate`,
  reopenRate: `${TICKETS_PLUGIN_ID}.reopenRate`,
} as const;

/** What `GET /api/tickets/stats` answers. */
export type TicketStats = {
  from: string;
  to: string;
  /** Tickets being worked now (new, open, reopened, pending, on hold), broken down. */
  backlog: { total: number } & Record<StatsDimension, StatsGroup[]>;
  /** Tickets opened in the period, by type, channel, team and priority. */
  created: { total: number } & Record<Exclude<StatsDimension, 'status'>, StatsGroup[]>;
  /** Tickets resolved in the period (their last resolution falls in it). */
  resolved: number;
} & Record<keyof typeof STATS_FIGURES, number | null>;

async function breakdown<D extends StatsDimension>(
  kernel: Kernel,
  actor: Actor,
  where: Record<string, unknown>,
  dimensions: readonly D[],
): Promise<{ total: number } & Record<D, StatsGroup[]>> {
  const tickets = kernel.data<Ticket>('ticket', { actor });
  const groups: Record<string, StatsGroup[]> = {};
  for (const field of dimensions) {
    const rows = await tickets.aggregate({
      where: where as never,
      groupBy: [field],
      measures: { n: 'count' },
    });
    groups[field] = rows
      .map((row) => ({ value: row[field] == null ? null : String(row[field]), count: Number(row.n) }))
      .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)));
  }
  return { total: await tickets.count(where as never), ...groups } as { total: number } & Record<
    D,
    StatsGroup[]
  >;
}

/**
 * The service desk's figures over a period, as the caller (record rules apply: an agent's stats
 * are their teams' tickets): the backlog now and the tickets opened in the period broken down by
 * status, priority, team, type and channel (store aggregates), and the period's first-response and
 * resolution times, SLA met, CSAT, average rating, complaint and reopen rates — each computed by
 * the metric of that name, so the stats and the dashboard tiles never disagree.
 */
export async function ticketStats(kernel: Kernel, actor: Actor, period: MetricPeriod): Promise<TicketStats> {
  const inPeriod = { gte: isoTime(period.from), lt: isoTime(period.to) };
  const backlog = await breakdown(kernel, actor, { status: { in: [...QUEUE_STATUSES] } }, STATS_DIMENSIONS);
  const created = await breakdown(kernel, actor, { createdAt: inPeriod }, [
    'priority',
    'team',
    'type',
    'channel',
  ] as const);
  const resolved = await kernel.data<Ticket>('ticket', { actor }).count({ resolvedAt: inPeriod });
  const figures = {} as Record<keyof typeof STATS_FIGURES, number | null>;
  for (const [name, metric] of Object.entries(STATS_FIGURES) as Array<[keyof typeof STATS_FIGURES, string]>) {
    figures[name] = (await kernel.metrics.compute(metric, period, { actor })).value;
  }
  return { from: isoTime(period.from), to: isoTime(period.to), backlog, created, resolved, ...figures };
}
