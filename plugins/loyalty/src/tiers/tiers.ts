import { type KernelTransaction, SYSTEM_ACTOR } from '@rapport/core';
import { DateTime } from 'luxon';
import type { Entry } from '../entities/entry.js';
import type { Member, MemberRecord } from '../entities/member.js';
import type { Programme, Tier } from '../entities/programme.js';
import type { TierChange } from '../entities/tier-change.js';

/** The highest tier whose threshold the qualifying points reach (tiers sorted by threshold). */
export function tierFor(tiers: readonly Tier[], qualifying: number): Tier | undefined {
  let reached: Tier | undefined;
  for (const tier of [...tiers].sort((a, b) => a.threshold - b.threshold)) {
    if (qualifying >= tier.threshold) reached = tier;
  }
  return reached;
}

/** A tier's place from the lowest threshold (0) up; -1 for none (below every tier) or an unknown key. */
export function tierRank(tiers: readonly Tier[], key: string | undefined): number {
  return key === undefined
    ? -1
    : [...tiers].sort((a, b) => a.threshold - b.threshold).findIndex((t) => t.key === key);
}

/** Qualifying points of a member over the programme's rolling window ending at `now`. */
export async function qualifyingPoints(
  tx: KernelTransaction,
  member: MemberRecord,
  programme: Programme,
  now: number,
  timeZone: string,
): Promise<number> {
  const from = DateTime.fromMillis(now, { zone: timeZone })
    .minus({ months: programme.tierWindowMonths ?? 12 })
    .toUTC()
    .toISO() as string;
  const [row] = await tx.data<Entry>('loyaltyEntry', { actor: SYSTEM_ACTOR }).aggregate({
    where: { memberId: member.id, occurredAt: { gte: from, lte: new Date(now).toISOString() } },
    measures: { q: 'sum:qualifying' },
  });
  return Number(row?.q ?? 0);
}

/**
 * Moves a member's tier: `upgrade` only ever raises it (at once, when an entry qualifies);
 * `review` sets it to what the window gives, down included. Each move is kept in the history.
 */
export async function moveTier(
  tx: KernelTransaction,
  member: MemberRecord,
  programme: Programme,
  reason: 'upgrade' | 'review',
  now: number,
  timeZone: string,
): Promise<string | undefined> {
  const tiers = programme.tiers ?? [];
  if (tiers.length === 0) return member.tier;
  const qualifying = await qualifyingPoints(tx, member, programme, now, timeZone);
  const target = tierFor(tiers, qualifying)?.key;
  if (target === member.tier) return member.tier;
  if (reason === 'upgrade' && tierRank(tiers, target) <= tierRank(tiers, member.tier)) return member.tier;
  const members = tx.data<Member>('loyaltyMember', { actor: SYSTEM_ACTOR });
  const current = (await members.get(member.id)) as MemberRecord;
  await members.update(member.id, { tier: target ?? (null as never) }, { expectedVersion: current.version });
  await tx.data<TierChange>('loyaltyTierChange', { actor: SYSTEM_ACTOR }).create({
    programmeId: member.programmeId,
    memberId: member.id,
    ...(member.tier ? { from: member.tier } : {}),
    ...(target ? { to: target } : {}),
    reason,
    qualifying,
  });
  tx.emit(
    'loyalty.member.tierChanged',
    {
      memberId: member.id,
      customerId: member.customerId,
      from: member.tier ?? null,
      to: target ?? null,
      reason,
    },
    { actor: SYSTEM_ACTOR },
  );
  return target;
}
