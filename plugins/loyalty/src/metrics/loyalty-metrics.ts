import {
  isoTime,
  type MetricContext,
  type MetricDefinition,
  type MetricPeriod,
  periodWhere,
} from '@rapport/core';
import type { Entry } from '../entities/entry.js';
import type { Member } from '../entities/member.js';
import { LOYALTY_PLUGIN_ID } from '../plugin-id.js';
import { PARAMETERS, scope } from './metric-scope.js';

async function pointsOf(context: MetricContext, period: MetricPeriod, kind: string): Promise<number> {
  const [row] = await context.data<Entry>('loyaltyEntry').aggregate({
    where: { ...scope(context), kind, occurredAt: periodWhere(period) },
    measures: { points: 'sum:points' },
  });
  return Number(row?.points ?? 0);
}

/**
 * The plugin's metrics, computed with store aggregates as the caller (record rules apply), each
 * narrowed by an optional `programmeId`:
 * - `loyalty.activeMembers`: members with status active who joined before the period's end.
 * - `loyalty.pointsLiability`: outstanding redeemable points (the sum of positive balances), now.
 * - `loyalty.enrolments`: members who joined in the period.
 * - `loyalty.redemptionRate`: points redeemed in the period over points earned in it (gross:
 *   reversals are entries of their own and not netted); null when none were earned.
 */
export function loyaltyMetrics(): MetricDefinition[] {
  return [
    {
      id: `${LOYALTY_PLUGIN_ID}.activeMembers`,
      unit: 'count',
      better: 'higher',
      description: 'Active members who joined before the end of the period.',
      parameters: PARAMETERS,
      compute: (period, context) =>
        context
          .data<Member>('loyaltyMember')
          .count({ ...scope(context), status: 'active', joinedAt: { lt: isoTime(period.to) } }),
    },
    {
      id: `${LOYALTY_PLUGIN_ID}.pointsLiability`,
      unit: 'points',
      better: 'lower',
      description: 'Outstanding redeemable points: the sum of the positive member balances.',
      parameters: PARAMETERS,
      async compute(_period, context) {
        const [row] = await context.data<Member>('loyaltyMember').aggregate({
          where: { ...scope(context), balance: { gt: 0 } },
          measures: { points: 'sum:balance' },
        });
        return Number(row?.points ?? 0);
      },
    },
    {
      id: `${LOYALTY_PLUGIN_ID}.enrolments`,
      unit: 'count',
      better: 'higher',
      description: 'Members who joined in the period.',
      parameters: PARAMETERS,
      compute: (period, context) =>
        context.data<Member>('loyaltyMember').count({ ...scope(context), joinedAt: periodWhere(period) }),
    },
    {
      id: `${LOYALTY_PLUGIN_ID}.redemptionRate`,
      unit: 'ratio',
      better: 'higher',
      description: 'Points redeemed in the period over points earned in it.',
      parameters: PARAMETERS,
      async compute(period, context) {
        const earned = await pointsOf(context, period, 'earn');
        if (earned === 0) return null;
        return -(await pointsOf(context, period, 'redeem')) / earned;
      },
    },
  ];
}
