import { type MetricContext, type MetricDefinition, type MetricPeriod, periodWhere } from '@rapport/core';
import type { Member } from '../entities/member.js';
import type { Programme } from '../entities/programme.js';
import type { WinBackAttempt } from '../entities/win-back-attempt.js';
import { LOYALTY_PLUGIN_ID } from '../plugin-id.js';
import { PARAMETERS, PROGRAMME_PARAMETER, scope } from './metric-scope.js';

/** Share of buyers with two purchases or more among the members (or the customers who are not members). */
async function repeatPurchaseRate(context: MetricContext): Promise<number | null> {
  const members = context.data<Member>('loyaltyMember');
  if (context.params.of !== 'nonMembers') {
    const buyers = await members.count({ ...scope(context), purchases: { gte: 1 } });
    if (buyers === 0) return null;
    return (await members.count({ ...scope(context), purchases: { gte: 2 } })) / buyers;
  }
  // Customers' purchase counts (the customers plugin's), less those of the members' customers.
  const customers = context.data('customer');
  let buyers = await customers.count({ 'value.purchases': { gte: 1 } });
  let repeat = await customers.count({ 'value.purchases': { gte: 2 } });
  let cursor: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await members.find({
      where: scope(context),
      fields: ['customerId'],
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    const ids = [...new Set(page.items.map((m) => m.customerId))].filter((id) => !seen.has(id));
    for (const id of ids) seen.add(id);
    if (ids.length > 0) {
      buyers -= await customers.count({ id: { in: ids }, 'value.purchases': { gte: 1 } });
      repeat -= await customers.count({ id: { in: ids }, 'value.purchases': { gte: 2 } });
    }
    cursor = page.nextCursor;
  } while (cursor);
  return buyers > 0 ? repeat / buyers : null;
}

/** Share of active members in `tier`, or, without one, in a tier above each programme's lowest. */
async function tierMix(context: MetricContext): Promise<number | null> {
  const members = context.data<Member>('loyaltyMember');
  const active = { ...scope(context), status: 'active' };
  const total = await members.count(active);
  if (total === 0) return null;
  if (typeof context.params.tier === 'string')
    return (await members.count({ ...active, tier: context.params.tier })) / total;
  const programmes = await context
    .data<Programme>('loyaltyProgramme')
    .find({ where: scope(context), limit: 100 });
  let upper = 0;
  for (const programme of programmes.items) {
    const tiers = [...(programme.tiers ?? [])].sort((a, b) => a.threshold - b.threshold).slice(1);
    if (tiers.length === 0) continue;
    upper += await members.count({
      ...active,
      programmeId: programme.id,
      tier: { in: tiers.map((t) => t.key) },
    });
  }
  return upper / total;
}

/** Win-back attempts made in the period that were won, over those made in it. */
async function winBackRate(period: MetricPeriod, context: MetricContext): Promise<number | null> {
  const attempts = context.data<WinBackAttempt>('loyaltyWinBack');
  const made = { ...scope(context), createdAt: periodWhere(period) };
  const total = await attempts.count(made);
  return total === 0 ? null : (await attempts.count({ ...made, outcome: 'won' })) / total;
}

/**
 * Behaviour metrics, computed as the caller (record rules apply), narrowed by `programmeId`:
 * - `loyalty.repeatPurchaseRate`: among members who bought since joining, the share who bought
 *   twice or more; with `of=nonMembers`, the same over the customers who are not members (by the
 *   customers plugin's purchase counts), to compare the two.
 * - `loyalty.tierMix`: the share of active members in `tier`; without it, in a tier above the
 *   programme's lowest.
 * - `loyalty.winBackRate`: win-back attempts made in the period that were won (the member
 *   bought within `winBackDays`), over the attempts made in it.
 */
export function behaviourMetrics(): MetricDefinition[] {
  return [
    {
      id: `${LOYALTY_PLUGIN_ID}.repeatPurchaseRate`,
      unit: 'ratio',
      better: 'higher',
      description:
        'Buyers with two purchases or more, among members (or, with of=nonMembers, among other customers).',
      parameters: {
        properties: {
          programmeId: PROGRAMME_PARAMETER,
          of: { type: 'string', enum: ['members', 'nonMembers'], default: 'members' },
        },
      },
      compute: (_period, context) => repeatPurchaseRate(context),
    },
    {
      id: `${LOYALTY_PLUGIN_ID}.tierMix`,
      unit: 'ratio',
      better: 'higher',
      description: 'Active members in a tier (default: above the lowest), over all active members.',
      parameters: {
        properties: { programmeId: PROGRAMME_PARAMETER, tier: { type: 'string', maxLength: 40 } },
      },
      compute: (_period, context) => tierMix(context),
    },
    {
      id: `${LOYALTY_PLUGIN_ID}.winBackRate`,
      unit: 'ratio',
      better: 'higher',
      description: 'Win-back attempts made in the period that won the member back.',
      parameters: PARAMETERS,
      compute: winBackRate,
    },
  ];
}
