import { ConflictError, type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import type { Customer } from '@rapport/plugin-customers';
import type { Member, MemberRecord } from '../entities/member.js';
import type { Programme, ProgrammeRecord } from '../entities/programme.js';
import type { Reward, RewardRecord } from '../entities/reward.js';
import { enrol } from '../ledger/enrol.js';
import { earn, expireDue } from '../ledger/ledger-ops.js';
import { orderPoints } from '../orders/order-points.js';
import { cancelRedemption, fulfilRedemption, reserveReward } from '../rewards/redemptions.js';

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
      },
      undefined,
    );
    report.members += 1;
    const expireUntil = async (at: number) => {
      const expired = await expireDue(kernel, member.id, at);
      if (expired) report.expired -= expired.entry.points;
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
      report.earned += 50 + ((i * 37) % 400);
    }
    for (const [n, { order, at }] of postings.entries()) {
      await expireUntil(at);
      const points = orderPoints(order.total?.amount ?? 0, programme);
      if (points > 0) {
        await earn(kernel, member.id, {
          points,
          idempotencyKey: `order:${order.id}`,
          sourceType: 'order',
          sourceId: order.id,
          at: iso(at),
        });
        report.earned += points;
      }
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
  return report;
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
        report.redeemed += reward.cost;
        if (i % 2 === 0) await fulfilRedemption(kernel, redemption.id);
      }
      return { id: redemption.id, cancel };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error; // below its tier or out of stock: the next one
    }
  }
  return undefined;
}
