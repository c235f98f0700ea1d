import { ConflictError, type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import type { Customer } from '@rapport/plugin-customers';
import type { Programme, ProgrammeRecord } from '../entities/programme.js';
import type { Reward } from '../entities/reward.js';
import { enrol } from '../ledger/enrol.js';
import { earn, redeem } from '../ledger/ledger-ops.js';
import { orderPoints } from '../orders/order-points.js';

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
  earned: number;
  redeemed: number;
}

/** The demo programme: three tiers, a reward catalogue, 1 point per euro, 12-month expiry. */
export const DEMO_PROGRAMME: Programme = {
  name: 'Rapport Rewards',
  currency: 'EUR',
  pointsPerUnit: 1,
  minorPerUnit: 100,
  expiry: { kind: 'months', months: 12 },
  joinKeyword: 'JOIN',
  tiers: [
    { key: 'bronze', name: 'Bronze', threshold: 0 },
    { key: 'silver', name: 'Silver', threshold: 2_000 },
    { key: 'gold', name: 'Gold', threshold: 10_000 },
  ],
  tierWindowMonths: 12,
};

/** The demo rewards (cost in points, stock). */
export const DEMO_REWARDS: Omit<Reward, 'programmeId'>[] = [
  { name: 'Coffee voucher', cost: 100, stock: 1_000 },
  { name: 'Free delivery', cost: 500 },
  { name: 'Cinema for two', cost: 1_500, stock: 100 },
  { name: 'Weekend away', cost: 20_000, stock: 5 },
];

/**
 * Seeds the demo programme, its rewards, members among the demo customers that have a mobile
 * number, points for their placed orders (key `order:<id>`, as the order handler would write
 * them, so the quickstart's sales events replay rather than double them), and a reward redeemed
 * by every third member who can afford the coffee. Entries are posted at the current time (the
 * ledger does not backdate), so expiry happens as the months pass.
 */
export async function seedDemoLoyalty(
  kernel: Kernel,
  options: SeedLoyaltyOptions = {},
): Promise<SeedLoyaltyReport> {
  const programmes = kernel.data<Programme>('loyaltyProgramme', { actor: SYSTEM_ACTOR });
  if (!options.force && (await programmes.count()) > 0)
    return { skipped: true, members: 0, earned: 0, redeemed: 0 };
  const programme = (await programmes.create(DEMO_PROGRAMME)) as ProgrammeRecord;
  const rewards = kernel.data<Reward>('loyaltyReward', { actor: SYSTEM_ACTOR });
  for (const reward of DEMO_REWARDS) await rewards.create({ ...reward, programmeId: programme.id });
  const people = await kernel.data<Customer>('customer', { actor: SYSTEM_ACTOR }).find({
    where: { kind: 'person', phone: { exists: true } },
    sort: ['id'],
    limit: options.members ?? 150,
  });
  const hasOrders = kernel.entities.has('order');
  const report: SeedLoyaltyReport = { skipped: false, members: 0, earned: 0, redeemed: 0 };
  for (const [i, person] of people.items.entries()) {
    const { member } = await enrol(
      kernel,
      { programmeId: programme.id, mobile: person.phone as string, joinedThrough: 'import' },
      undefined,
    );
    report.members += 1;
    if (hasOrders) {
      const orders = await kernel
        .data<{ total?: { amount: number; currency: string }; status?: string }>('order', {
          actor: SYSTEM_ACTOR,
        })
        .find({ where: { customerId: person.id, status: 'placed' }, limit: 100 });
      for (const order of orders.items) {
        if (order.total?.currency !== 'EUR') continue;
        const points = orderPoints(order.total.amount, programme);
        if (points === 0) continue;
        await earn(kernel, member.id, {
          points,
          idempotencyKey: `order:${order.id}`,
          sourceType: 'order',
          sourceId: order.id,
        });
        report.earned += points;
      }
    } else {
      await earn(kernel, member.id, { points: 50 + ((i * 37) % 400), idempotencyKey: `demo:${member.id}` });
      report.earned += 50 + ((i * 37) % 400);
    }
    if (i % 3 === 0) {
      try {
        await redeem(kernel, member.id, { points: 100, idempotencyKey: `demo-coffee:${member.id}` });
        report.redeemed += 100;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error; // short of points: nothing redeemed
      }
    }
  }
  return report;
}
