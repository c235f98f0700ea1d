import { ConflictError, type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import type { Member, MemberRecord } from '../entities/member.js';
import type { Programme, ProgrammeRecord } from '../entities/programme.js';
import { earn } from '../ledger/ledger-ops.js';
import type { Posted } from '../ledger/post-entry.js';
import { stageOf } from '../stages/loyalty-stage.js';
import { markWinBacksWon } from '../win-back/win-back-outcomes.js';
import { orderPoints } from './order-points.js';

/** The idempotency key of an order's earn entry: a redelivered event never credits twice. */
export const orderKey = (orderId: string): string => `order:${orderId}`;

/** An order as loyalty reads it (sales is optional: read, not imported). */
export interface OrderLike {
  id: string;
  customerId: string;
  total?: { amount: number; currency: string };
  status?: string;
}

/**
 * Points of an order for a member: the programme's rate (qualifying for tiers), times the
 * multiplier of the member's tier (`earning.tierMultipliers`, rounded down, exact in BigInt; the
 * extra points do not qualify).
 */
export function orderEarning(
  programme: Programme,
  tier: string | undefined,
  amount: number,
): { points: number; qualifying: number } {
  const base = orderPoints(amount, programme);
  const percent = programme.earning?.tierMultipliers?.find((m) => m.tier === tier)?.percent ?? 100;
  const multiplied = (BigInt(base) * BigInt(percent)) / 100n;
  const points = multiplied > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(multiplied);
  return { points, qualifying: base };
}

/**
 * Earns a member's points for an order (key `order:<id>`: a redelivered event or a re-run seed
 * replays), under the programme's cap, as a purchase; then, on a new posting, what a purchase
 * sets off: the first-purchase bonus, the referrer's bonus and stage, and the member's pending
 * win-back attempts marked won. `at` dates an order imported with its history.
 */
export async function earnOnOrder(
  kernel: Kernel,
  programme: ProgrammeRecord,
  member: MemberRecord,
  order: OrderLike,
  at?: string,
): Promise<Posted | undefined> {
  const { points, qualifying } = orderEarning(programme, member.tier, order.total?.amount ?? 0);
  if (points === 0) return undefined;
  const posted = await earn(
    kernel,
    member.id,
    {
      points,
      qualifying,
      idempotencyKey: orderKey(order.id),
      sourceType: 'order',
      sourceId: order.id,
      ...(at ? { at } : {}),
    },
    'earn',
    { purchase: true, ...(programme.earning?.cap ? { cap: programme.earning.cap } : {}) },
  );
  if (!posted.replayed && posted.member) await afterPurchase(kernel, programme, posted.member, order.id, at);
  return posted;
}

async function afterPurchase(
  kernel: Kernel,
  programme: ProgrammeRecord,
  member: MemberRecord,
  orderId: string,
  at: string | undefined,
): Promise<void> {
  const rules = programme.earning ?? {};
  const dated = at ? { at } : {};
  if (member.purchases === 1) {
    if (rules.firstPurchaseBonus) {
      await earn(kernel, member.id, {
        points: rules.firstPurchaseBonus,
        qualifying: 0,
        idempotencyKey: `first-purchase:${member.id}`,
        sourceType: 'event',
        note: 'first purchase',
        ...dated,
      });
    }
    if (member.referrerId) {
      const referrer = await refreshReferrals(kernel, member.referrerId);
      if (referrer && rules.referralBonus) {
        await earn(kernel, referrer.id, {
          points: rules.referralBonus,
          qualifying: 0,
          idempotencyKey: `referral:${member.id}`,
          sourceType: 'event',
          sourceId: member.id,
          note: 'a referred member bought',
          ...dated,
        });
      }
    }
  }
  await markWinBacksWon(kernel, programme, member, at, orderId);
}

/**
 * Recounts the members a referrer brought who have bought, and sets the referrer's
 * `referralsBought` and stage from it (a count, so running it twice changes nothing); under the
 * referrer's version, retried when a posting moved the member meanwhile.
 */
export async function refreshReferrals(
  kernel: Kernel,
  referrerId: string,
): Promise<MemberRecord | undefined> {
  const members = kernel.data<Member>('loyaltyMember', { actor: SYSTEM_ACTOR });
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const referrer = (await members.get(referrerId).catch(() => undefined)) as MemberRecord | undefined;
    if (!referrer) return undefined;
    const referralsBought = await members.count({ referrerId, purchases: { gte: 1 } });
    const stage = stageOf({
      entries: referrer.entries ?? 0,
      purchases: referrer.purchases ?? 0,
      referralsBought,
    });
    if (referrer.referralsBought === referralsBought && referrer.stage === stage) return referrer;
    try {
      return (await members.update(
        referrerId,
        { referralsBought, stage },
        { expectedVersion: referrer.version },
      )) as MemberRecord;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return undefined;
}
