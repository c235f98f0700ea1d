import type { RegisterContext } from '@rapport/core';
import {
  CUSTOMER_HOOKS,
  type ProfileRequest,
  type TimelineItem,
  type TimelineRequest,
  timelineWhere,
} from '@rapport/plugin-customers';
import type { Entry, EntryRecord } from '../entities/entry.js';
import type { Member, MemberRecord } from '../entities/member.js';
import type { Programme } from '../entities/programme.js';
import type { LoyaltyOptions } from '../options.js';
import { LOYALTY_PLUGIN_ID } from '../plugin-id.js';
import { tapCustomerMerge } from './merge-tap.js';

const TITLES: Record<string, string> = {
  earn: 'Points earned',
  redeem: 'Points redeemed',
  expire: 'Points expired',
  adjust: 'Points adjusted',
  reverse: 'Points reversed',
};

async function memberships(data: TimelineRequest['data'], customerId: string): Promise<MemberRecord[]> {
  const page = await data<Member>('loyaltyMember').find({ where: { customerId }, limit: 50 });
  return page.items as MemberRecord[];
}

async function ledgerItems(request: TimelineRequest): Promise<TimelineItem[]> {
  if (!request.canRead('loyaltyEntry') || !request.canRead('loyaltyMember')) return [];
  const members = await memberships(request.data, request.customerId);
  if (members.length === 0) return [];
  const page = await request.data<Entry>('loyaltyEntry').find({
    where: { memberId: { in: members.map((m) => m.id) }, ...timelineWhere('occurredAt', request.before) },
    sort: ['-occurredAt', '-id'],
    limit: request.limit,
  });
  return (page.items as EntryRecord[]).map((entry) => ({
    id: entry.id,
    at: entry.occurredAt ?? entry.createdAt,
    source: LOYALTY_PLUGIN_ID,
    type: `loyalty.${entry.kind}`,
    title: TITLES[entry.kind] ?? 'Points',
    summary: `${entry.points > 0 ? '+' : ''}${entry.points} points, balance ${entry.balanceAfter}`,
    ref: { entity: 'loyaltyEntry', id: entry.id },
    data: { points: entry.points, balanceAfter: entry.balanceAfter, kind: entry.kind },
  }));
}

async function persistency(request: ProfileRequest): Promise<void> {
  const members = await memberships(request.data, request.customerId);
  if (members.length === 0) return;
  const programmes = request.data<Programme>('loyaltyProgramme');
  const rows = [];
  for (const member of members) {
    const programme = await programmes.get(member.programmeId);
    rows.push({
      programme: programme.name,
      number: member.number,
      status: member.status ?? 'active',
      tier: member.tier ?? null,
      stage: member.stage ?? 'suspicion',
      balance: member.balance ?? 0,
      since: member.joinedAt ?? member.createdAt,
    });
  }
  request.contribute('persistency', {
    source: LOYALTY_PLUGIN_ID,
    summary: rows
      .map(
        (r) =>
          `${r.programme}: ${r.status}${r.tier ? `, tier ${r.tier}` : ''}, ${r.stage}, ${r.balance} points`,
      )
      .join('; '),
    data: { memberships: rows },
  });
}

/**
 * What loyalty adds to the customers plugin: ledger entries on the customer's timeline and the
 * memberships (status, tier, loyalty stage, balance) in the Persistency part of the 7P profile, read as the
 * caller (record rules apply; a caller who may not read loyalty records sees none); and
 * memberships moving with a customer merge ({@link tapCustomerMerge}).
 */
export function tapCustomerHooks(ctx: RegisterContext<LoyaltyOptions>): void {
  const hooks = ctx.hooks.get(CUSTOMER_HOOKS);
  hooks.timeline.tapPromise(LOYALTY_PLUGIN_ID, async (request) => request.add(await ledgerItems(request)));
  hooks.profile.tapPromise(LOYALTY_PLUGIN_ID, async (request) => {
    if (request.canRead('loyaltyMember') && request.canRead('loyaltyProgramme')) await persistency(request);
  });
  tapCustomerMerge(hooks);
}
