import { isoTime, type MetricDefinition, periodWhere } from '@rapport/core';
import type { Rating } from '../entities/rating.js';
import type { Ticket } from '../entities/ticket.js';
import { TICKETS_PLUGIN_ID } from '../plugin-id.js';
import { share } from './metric-kit.js';

/** Lifecycle stages that no longer count as an active customer. */
const INACTIVE_STAGES = ['churned'];

/**
 * The service-quality metrics over a period [from, to), computed with store aggregates as the
 * caller (an agent's are their teams' tickets and ratings):
 * - `tickets.csat`: of the ratings given in the period, the share scoring 4 or 5 (0–1); null when none.
 * - `tickets.averageRating`: the average score (1–5) of the ratings given in the period; null when none.
 * - `tickets.complaintRate`: complaints opened in the period per 100 active customers (acquired
 *   before the period's end and not churned); null without active customers.
 * - `tickets.reopenRate`: of the tickets resolved in the period, the share reopened at least once
 *   before (0–1); null when none was resolved.
 */
export function qualityMetrics(): MetricDefinition[] {
  return [
    {
      id: `${TICKETS_PLUGIN_ID}.csat`,
      unit: 'ratio',
      better: 'higher',
      description: 'Of the ratings given in the period, the share scoring 4 or 5.',
      async compute(period, context) {
        const ratings = context.data<Rating>('ticketRating');
        const all = await ratings.count({ ratedAt: periodWhere(period) });
        return share(await ratings.count({ ratedAt: periodWhere(period), score: { gte: 4 } }), all);
      },
    },
    {
      id: `${TICKETS_PLUGIN_ID}.averageRating`,
      unit: 'score',
      better: 'higher',
      description: 'The average 1–5 score of the ratings given in the period.',
      async compute(period, context) {
        const [row] = await context.data<Rating>('ticketRating').aggregate({
          where: { ratedAt: periodWhere(period) },
          measures: { n: 'count', total: 'sum:score' },
        });
        return share(Number(row?.total ?? 0), Number(row?.n ?? 0));
      },
    },
    {
      id: `${TICKETS_PLUGIN_ID}.complaintRate`,
      unit: 'per100',
      better: 'lower',
      description:
        'Complaints opened in the period per 100 active customers (acquired by its end, not churned).',
      async compute(period, context) {
        const active = await context.data('customer').count({
          acquiredAt: { lt: isoTime(period.to) },
          lifecycleStage: { nin: INACTIVE_STAGES },
        });
        const complaints = await context
          .data<Ticket>('ticket')
          .count({ type: 'complaint', createdAt: periodWhere(period) });
        return share(complaints * 100, active);
      },
    },
    {
      id: `${TICKETS_PLUGIN_ID}.reopenRate`,
      unit: 'ratio',
      better: 'lower',
      description: 'Of the tickets resolved in the period, the share that had been reopened at least once.',
      async compute(period, context) {
        const tickets = context.data<Ticket>('ticket');
        const resolved = await tickets.count({ resolvedAt: periodWhere(period) });
        return share(
          await tickets.count({ resolvedAt: periodWhere(period), reopenCount: { gte: 1 } }),
          resolved,
        );
      },
    },
  ];
}
