import { ConflictError, type Kernel, SYSTEM_ACTOR, type Where } from '@rapport/core';
import type { Customer } from '@rapport/plugin-customers';
import type { Broadcast } from '../entities/broadcast.js';
import type { Entry } from '../entities/entry.js';
import type { Member, MemberRecord } from '../entities/member.js';
import type { Programme, ProgrammeRecord } from '../entities/programme.js';
import type { Reward, RewardRecord } from '../entities/reward.js';
import type { WinBackAttempt } from '../entities/win-back-attempt.js';
import { enrol } from '../ledger/enrol.js';
import { earn, expireDue } from '../ledger/ledger-ops.js';
import { sendBroadcast } from '../messages/broadcasts.js';
import { earnOnOrder, type OrderLike } from '../orders/earn-on-order.js';
import { cancelRedemption, fulfilRedemption, reserveReward } from '../rewards/redemptions.js';
import { winBackList } from '../win-back/win-back-list.js';

/** Options of {@link seedDemoLoyalty}. */
export interface SeedLoyaltyOptions {
  /** Demo customers (with a mobile number) to enrol; default 150. */
  members?: number;
  /** Seed even when a programme exists (default false: a no-op then). */
  force?: boolean;
}

/** What {@link seedDemoLoyalty} wrote. */
export interface SeedLoyaltyReport {
  skipped: boolean;
  members: number;
  /** Points earned on the members' orders. */
  earned: number;
  /** Points spent on rewards (cancelled redemptions refunded: not counted). */
  redeemed: number;
  /** Points that lapsed unredeemed. */
  expired: number;
  /** Rewards reserved (some fulfilled, some cancelled). */
  redemptions: number;
}

/** The demo programme: three tiers, a reward catalogue, 1 point per euro, 6-month expiry (so a year shows some). */
export const DEMO_PROGRAMME: Programme = {
  earning: {
    tierMultipliers: [
      { tier: 'silver', percent: 125 },
      { tier: 'gold', percent: 150 },
    ],
    firstPurchaseBonus: 200,
    birthdayBonus: 100,
    referralBonus: 300,
  },
  name: 'Rapport Rewards',
  currency: 'EUR',
  pointsPerUnit: 1,
  minorPerUnit: 100,
  expiry: { kind: 'months', months: 6 },
  joinKeyword: 'JOIN',
  tiers: [
    { key: 'bronze', name: 'Bronze', threshold: 0 },
    { key: 'silver', name: 'Silver', threshold: 2_000 },
    { key: 'gold', name: 'Gold', threshold: 10_000 },
  ],
  tierWindowMonths: 12,
};

/** The demo rewards (cost in points, stock, the tier some need). */
export const DEMO_REWARDS: Omit<Reward, 'programmeId'>[] = [
  { name: 'Coffee voucher', cost: 100, stock: 1_000 },
  { name: 'Free delivery', cost: 500 },
  { name: 'Cinema for two', cost: 1_500, stock: 100, tierRequired: 'silver' },
  { name: 'Weekend away', cost: 20_000, stock: 5, tierRequired: 'gold' },
];

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

interface DemoOrder {
  id: string;
  date?: string;
  createdAt: string;
  total?: { amount: number; currency: string };
}

async function placedOrders(kernel: Kernel, customerId: string): Promise<DemoOrder[]> {
  if (!kernel.entities.has('order')) return [];
  const page = await kernel
    .data<DemoOrder>('order', { actor: SYSTEM_ACTOR })
    .find({ where: { customerId, status: 'placed' }, limit: 200 });
  const orderedAt = (order: DemoOrder) => Date.parse(order.date ?? order.createdAt);
  return (page.items as DemoOrder[])
    .filter((order) => order.total?.currency === 'EUR')
    .sort((a, b) => orderedAt(a) - orderedAt(b) || a.id.localeCompare(b.id));
}

/**
 * Seeds a year of loyalty history, in time order and dated as it happened: the demo programme
 * and its rewards; members among the demo customers with a mobile number, each joining a day
 * before their first order (or on a day of the past year); points for each placed order on the
 * order's date (key `order:<id>`, as the order handler writes them, so the quickstart's sales
 * events replay rather than double them); a reward reserved by every third member who can afford
 * it (some fulfilled, one in four cancelled today and refunded); and the expiry of points six months
 * after earning, written on the day they fell due. Without sales, members earn a few bonus
 * points instead.
 */
export async function seedDemoLoyalty(
  kernel: Kernel,
  options: SeedLoyaltyOptions = {},
): Promise<SeedLoyaltyReport> {
  const report: SeedLoyaltyReport = {
    skipped: false,
    members: 0,
    earned: 0,
    redeemed: 0,
    expired: 0,
    redemptions: 0,
  };
  const programmes = kernel.data<Programme>('loyaltyProgramme', { actor: SYSTEM_ACTOR });
  if (!options.force && (await programmes.count()) > 0) return { ...report, skipped: true };
  const programme = (await programmes.create(DEMO_PROGRAMME)) as ProgrammeRecord;
  const rewards = kernel.data<Reward>('loyaltyReward', { actor: SYSTEM_ACTOR });
  const catalogue: RewardRecord[] = [];
  for (const reward of DEMO_REWARDS) {
    catalogue.push((await rewards.create({ ...reward, programmeId: programme.id })) as RewardRecord);
  }
  const people = await kernel.data<Customer>('customer', { actor: SYSTEM_ACTOR }).find({
    where: { kind: 'person', phone: { exists: true } },
    sort: ['id'],
    limit: options.members ?? 150,
  });
  const now = kernel.clock.now();
  let previous: string | undefined;
  for (const [i, person] of people.items.entries()) {
    const orders = await placedOrders(kernel, person.id);
    const dates = orders.map((order) => Math.min(Date.parse(order.date ?? order.createdAt), now));
    const joinedAt = Math.min(dates[0] ?? now - ((i * 53) % 360) * DAY, now) - DAY;
    const { member } = await enrol(
      kernel,
      {
        programmeId: programme.id,
        mobile: person.phone as string,
        joinedThrough: i % 4 === 0 ? 'sms' : 'import',
        at: iso(joinedAt),
        // every seventh member was referred by the one enrolled before
        ...(i % 7 === 3 && previous ? { referrerId: previous } : {}),
      },
      undefined,
    );
    previous = member.id;
    if (i % 5 === 0) {
      const birthday = `${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
      await kernel.data<Member>('loyaltyMember', { actor: SYSTEM_ACTOR }).update(member.id, { birthday });
    }
    report.members += 1;
    const expireUntil = async (at: number) => {
      await expireDue(kernel, member.id, at);
    };
    let toCancel: string | undefined;
    const postings = orders.map((order, n) => ({ order, at: dates[n] as number }));
    if (postings.length === 0) {
      await earn(kernel, member.id, {
        points: 50 + ((i * 37) % 400),
        qualifying: 0,
        idempotencyKey: `demo:${member.id}`,
        sourceType: 'event',
        at: iso(joinedAt + DAY),
      });
    }
    for (const [n, { order, at }] of postings.entries()) {
      await expireUntil(at);
      const current = (await kernel
        .data<Member>('loyaltyMember', { actor: SYSTEM_ACTOR })
        .get(member.id)) as MemberRecord;
      await earnOnOrder(
        kernel,
        programme,
        current,
        { ...order, customerId: person.id } as OrderLike,
        iso(at),
      );
      if (i % 3 === 0 && n === Math.min(1, postings.length - 1)) {
        const reserved = await redeemDemoReward(
          kernel,
          member.id,
          catalogue,
          i,
          Math.min(at + 2 * DAY, now),
          report,
        );
        if (reserved?.cancel) toCancel = reserved.id;
      }
    }
    // Cancelled today: the points go back to their lots, with their expiry dates.
    if (toCancel) await cancelRedemption(kernel, toCancel);
    await expireUntil(now);
  }
  await seedWinBackAttempts(kernel, programme.id);
  await seedBroadcasts(kernel, programme.id);
  const sum = async (where: Where) => {
    const [row] = await kernel
      .data<Entry>('loyaltyEntry', { actor: SYSTEM_ACTOR })
      .aggregate({ where: { programmeId: programme.id, ...where }, measures: { points: 'sum:points' } });
    return Number(row?.points ?? 0);
  };
  report.earned = await sum({ kind: 'earn' });
  report.expired = -(await sum({ kind: 'expire' }));
  // what rewards took, less the refunds of cancelled ones
  report.redeemed = -((await sum({ kind: 'redeem' })) + (await sum({ kind: 'reverse' })));
  return report;
}

/** A news broadcast to the gold members (sent, when messaging is installed) and a draft for everyone. */
async function seedBroadcasts(kernel: Kernel, programmeId: string): Promise<void> {
  const broadcasts = kernel.data<Broadcast>('loyaltyBroadcast', { actor: SYSTEM_ACTOR });
  const gold = await broadcasts.create({
    programmeId,
    name: 'Gold members: early access',
    channel: 'sms',
    text: 'Rapport Rewards Gold: our summer collection is yours two days early.',
    audience: { tiers: ['gold'] },
  });
  await broadcasts.create({
    programmeId,
    name: 'Double points week (draft)',
    channel: 'sms',
    text: 'Double points on every order this week.',
  });
  if (kernel.entities.has('message')) await sendBroadcast(kernel, SYSTEM_ACTOR, gold.id);
}

/** Win-back attempts for the first lapsed high-value members: one won by a later order is not seeded; these are declined, unreachable or pending. */
async function seedWinBackAttempts(kernel: Kernel, programmeId: string): Promise<void> {
  const { items } = await winBackList(kernel, SYSTEM_ACTOR, { programmeId, limit: 30 });
  const outcomes = ['pending', 'declined', 'unreachable', 'pending'] as const;
  const channels = ['phone', 'sms', 'email', 'visit'] as const;
  const attempts = kernel.data<WinBackAttempt>('loyaltyWinBack', { actor: SYSTEM_ACTOR });
  for (const [n, candidate] of items.slice(0, 8).entries()) {
    await attempts.create({
      memberId: candidate.member.id,
      channel: channels[n % 4] as WinBackAttempt['channel'],
      note: 'Offered double points on the next order',
      outcome: outcomes[n % 4] as WinBackAttempt['outcome'],
    });
  }
}

/**
 * Reserves the dearest demo reward the member can afford (and may have) and fulfils every other
 * one; the first of each four is to be cancelled.
 */
async function redeemDemoReward(
  kernel: Kernel,
  memberId: string,
  catalogue: RewardRecord[],
  i: number,
  at: number,
  report: SeedLoyaltyReport,
): Promise<{ id: string; cancel: boolean } | undefined> {
  const member = (await kernel
    .data<Member>('loyaltyMember', { actor: SYSTEM_ACTOR })
    .get(memberId)) as MemberRecord;
  for (const reward of [...catalogue].reverse()) {
    if ((member.balance ?? 0) < reward.cost) continue;
    try {
      const { redemption } = await reserveReward(kernel, memberId, reward.id, `demo:${memberId}`, {
        at: iso(at),
      });
      report.redemptions += 1;
      const cancel = report.redemptions % 4 === 1;
      if (!cancel) {
        if (i % 2 === 0) await fulfilRedemption(kernel, redemption.id);
      }
      return { id: redemption.id, cancel };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error; // below its tier or out of stock: the next one
    }
  }
  return undefined;
}
