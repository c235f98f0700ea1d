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

/** The median of a business-time field over the tickets `where` selects, in minutes; null when none. */
async function medianMinutes(context: MetricContext, where: Where, field: string): Promise<number | null> {
  const [row] = await context
    .data<Ticket>('ticket')
    .aggregate({ where: { ...where, [field]: { exists: true } }, measures: { ms: `median:${field}` } });
  const ms = row?.ms;
  return typeof ms === 'number' ? round2(ms / MINUTE) : null;
}

/**
 * The plugin's metrics over a period [from, to), computed with store aggregates as the caller,
 * so an agent's figures are their teams' tickets' figures:
 * - `tickets.firstResponseTime`: median business minutes to the first response of the tickets
 *   first answered in the period (a median: one ticket left for days does not make every
 *   customer's wait look long); null when none.
 * - `tickets.resolutionTime`: median business minutes to resolution of the tickets resolved in the period; null when none.
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
        'Median business minutes to the first public agent reply, for tickets first answered in the period.',
      compute: (period, context) =>
        medianMinutes(context, { firstResponseAt: periodWhere(period) }, 'firstResponseBusinessMs'),
    },
    {
      id: `${TICKETS_PLUGIN_ID}.resolutionTime`,
      unit: 'minutes',
      better: 'lower',
      description: 'Median business minutes to resolution, for tickets resolved in the period.',
      compute: (period, context) =>
        medianMinutes(context, { resolvedAt: periodWhere(period) }, 'resolutionBusinessMs'),
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
