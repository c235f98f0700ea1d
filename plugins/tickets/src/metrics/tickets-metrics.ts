import { isoTime, type MetricContext, type MetricDefinition, periodWhere, type Where } from '@rapport/core';
import type { Ticket } from '../entities/ticket.js';
import { TICKETS_PLUGIN_ID } from '../plugin-id.js';
import { QUEUE_STATUSES } from '../queue/agent-queue.js';
import { round2, share } from './metric-kit.js';

const MINUTE = 60_000;

async function totals(context: MetricContext, where: Where, measures: Record<string, string>) {
  const [row] = await context.data<Ticket>('ticket').aggregate({ where, measures: measures as never });
  return Object.fromEntries(Object.keys(measures).map((name) => [name, Number(row?.[name] ?? 0)]));
}

/**
 * The plugin's metrics over a period [from, to), computed with store aggregates as the caller,
 * so an agent's figures are their teams' tickets' figures:
 * - `tickets.firstResponseTime`: average business minutes to the first response of the tickets
 *   first answered in the period (an average: store aggregates have no median); null when none.
 * - `tickets.resolutionTime`: average business minutes to resolution of the tickets resolved in the period; null when none.
 * - `tickets.slaMet`: of the targets done on the tickets resolved in the period, the share met (0–1); null when none.
 * - `tickets.backlog`: tickets created before the period's end and still being worked.
 */
export function ticketsMetrics(): MetricDefinition[] {
  return [
    {
      id: `${TICKETS_PLUGIN_ID}.firstResponseTime`,
      unit: 'minutes',
      better: 'lower',
      description:
        'Average business minutes to the first public agent reply, for tickets first answered in the period.',
      async compute(period, context) {
        const { n, ms } = await totals(
          context,
          { firstResponseAt: periodWhere(period), firstResponseBusinessMs: { exists: true } },
          { n: 'count', ms: 'sum:firstResponseBusinessMs' },
        );
        return n === 0 ? null : round2((ms as number) / (n as number) / MINUTE);
      },
    },
    {
      id: `${TICKETS_PLUGIN_ID}.resolutionTime`,
      unit: 'minutes',
      better: 'lower',
      description: 'Average business minutes to resolution, for tickets resolved in the period.',
      async compute(period, context) {
        const { n, ms } = await totals(
          context,
          { resolvedAt: periodWhere(period), resolutionBusinessMs: { exists: true } },
          { n: 'count', ms: 'sum:resolutionBusinessMs' },
        );
        return n === 0 ? null : round2((ms as number) / (n as number) / MINUTE);
      },
    },
    {
      id: `${TICKETS_PLUGIN_ID}.slaMet`,
      unit: 'ratio',
      better: 'higher',
      description: 'Of the SLA targets done on tickets resolved in the period, the share met.',
      async compute(period, context) {
        const { met, done } = await totals(
          context,
          { resolvedAt: periodWhere(period) },
          { met: 'sum:slaTargetsMet', done: 'sum:slaTargetsDone' },
        );
        return share(met as number, done as number);
      },
    },
    {
      id: `${TICKETS_PLUGIN_ID}.backlog`,
      unit: 'count',
      better: 'lower',
      description: 'Tickets created before the end of the period and still being worked.',
      async compute(period, context) {
        return context
          .data<Ticket>('ticket')
          .count({ status: { in: [...QUEUE_STATUSES] }, createdAt: { lt: isoTime(period.to) } });
      },
    },
  ];
}
