import type { DataStore } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { lotsOf } from '../entities/lots.js';
import type { MemberRecord } from '../entities/member.js';
import type { RedemptionRecord } from '../entities/redemption.js';
import type { Reward } from '../entities/reward.js';
import { bootLoyalty, type LoyaltyTest, ledgerSum } from './boot.js';

/** Makes a fresh store per kernel, and cleans it up afterwards. */
export type StoreFactory = () => {
  create: () => DataStore | Promise<DataStore>;
  cleanup?: () => Promise<void>;
};

/**
 * The ledger's guarantees on one store: exact concurrent redemption, idempotent retries,
 * exact reversals, append-only entries. Run by the memory, lowdb and PostgreSQL tests alike.
 */
export function describeLedger(name: string, factory: StoreFactory): void {
  describe(`loyalty ledger on ${name}`, () => {
    async function boot(): Promise<{ t: LoyaltyTest; done: () => Promise<void> }> {
      const made = factory();
      const t = await bootLoyalty({ store: await made.create() });
      return {
        t,
        done: async () => {
          await t.stop();
          await made.cleanup?.();
        },
      };
    }

    async function member(t: LoyaltyTest, mobile = '0151 23456789'): Promise<MemberRecord> {
      return (await t.service.enrol(t.admin, { programmeId: t.programme.id, mobile })).member;
    }

    it('50 concurrent redemptions against a balance covering 10: exactly 10 succeed, the rest get 409 naming the balance', async () => {
      const { t, done } = await boot();
      try {
        const m = await member(t);
        await t.service.earn(t.admin, m.id, { points: 100, idempotencyKey: 'order-1' });
        const results = await Promise.allSettled(
          Array.from({ length: 50 }, (_, i) =>
            t.service.redeem(t.admin, m.id, { points: 10, idempotencyKey: `redeem-${i}` }),
          ),
        );
        const ok = results.filter((r) => r.status === 'fulfilled');
        const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(ok).toHaveLength(10);
        expect(refused).toHaveLength(40);
        for (const r of refused) {
          expect(r.reason.code).toBe('CONFLICT');
          expect(r.reason.message).toMatch(/the balance is 0 points/);
          expect(r.reason.details.balance).toBe(0);
        }
        const stored = (await t.data<MemberRecord>('loyaltyMember').get(m.id)) as MemberRecord;
        expect(stored.balance).toBe(0);
        expect(await lotsOf(t.kernel, m.id)).toEqual([]);
        expect(await ledgerSum(t, m.id)).toBe(0);
        expect(await t.data('loyaltyEntry').count({ memberId: m.id })).toBe(11);
      } finally {
        await done();
      }
    });

    it('a retried earn with the same idempotency key credits once, even when the retries race', async () => {
      const { t, done } = await boot();
      try {
        const m = await member(t);
        const posts = await Promise.all(
          Array.from({ length: 8 }, () =>
            t.service.earn(t.admin, m.id, { points: 25, idempotencyKey: 'order-7' }),
          ),
        );
        expect(new Set(posts.map((p) => p.entry.id)).size).toBe(1);
        expect(posts.filter((p) => !p.replayed)).toHaveLength(1);
        expect((await t.service.balance(t.admin, m.id)).balance).toBe(25);
        expect(await ledgerSum(t, m.id)).toBe(25);
      } finally {
        await done();
      }
    });

    it('reversing an earn partly redeemed takes back all of it, the balance going negative only through the reversal', async () => {
      const { t, done } = await boot();
      try {
        const m = await member(t);
        const earned = await t.service.earn(t.admin, m.id, {
          points: 50,
          idempotencyKey: 'order-9',
          sourceType: 'order',
          sourceId: '9',
        });
        await t.service.redeem(t.admin, m.id, { points: 30, idempotencyKey: 'r-1' });
        const reversed = await t.service.reverse(t.admin, earned.entry.id, 'order cancelled');
        expect(reversed.entry).toMatchObject({
          kind: 'reverse',
          points: -50,
          balanceAfter: -30,
          reverses: earned.entry.id,
        });
        const again = await t.service.reverse(t.admin, earned.entry.id);
        expect(again).toMatchObject({ replayed: true, entry: { id: reversed.entry.id } });
        expect((await t.service.balance(t.admin, m.id)).balance).toBe(-30);
        expect(await ledgerSum(t, m.id)).toBe(-30);
        await expect(
          t.service.redeem(t.admin, m.id, { points: 1, idempotencyKey: 'r-2' }),
        ).rejects.toMatchObject({
          code: 'CONFLICT',
        });
      } finally {
        await done();
      }
    });

    it('entries are append-only: updates and deletes are refused for everyone, creates for anyone but the plugin', async () => {
      const { t, done } = await boot();
      try {
        const m = await member(t);
        const { entry } = await t.service.earn(t.admin, m.id, { points: 5, idempotencyKey: 'k' });
        await expect(t.data('loyaltyEntry').update(entry.id, { points: 500 })).rejects.toMatchObject({
          code: 'FORBIDDEN',
        });
        await expect(t.data('loyaltyEntry').delete(entry.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
        await expect(
          t.data('loyaltyEntry').create({
            programmeId: entry.programmeId,
            memberId: m.id,
            kind: 'earn',
            points: 1_000,
            idempotencyKey: 'forged',
            balanceAfter: 1_005,
          }),
        ).rejects.toMatchObject({ code: 'FORBIDDEN' });
        await expect(t.data('loyaltyMember').update(m.id, { balance: 1_000_000 })).rejects.toMatchObject({
          code: 'VALIDATION_FAILED',
        });
        expect((await t.service.balance(t.admin, m.id)).balance).toBe(5);
      } finally {
        await done();
      }
    });
  });
}

/** Reward stock and redemptions on one store: exact under concurrency, refunded on cancel. */
export function describeRewards(name: string, factory: StoreFactory): void {
  describe(`loyalty rewards on ${name}`, () => {
    it('a reward with 5 in stock and 20 members racing for it: exactly 5 reserved, points and stock exact; cancel refunds both', async () => {
      const made = factory();
      const t = await bootLoyalty({ store: await made.create() });
      try {
        const reward = await t.data<Reward>('loyaltyReward').create({
          programmeId: t.programme.id,
          name: 'Cinema ticket',
          cost: 40,
          stock: 5,
        });
        const members: MemberRecord[] = [];
        for (let i = 0; i < 20; i += 1) {
          const { member } = await t.service.enrol(t.admin, {
            programmeId: t.programme.id,
            mobile: `+4915123${String(456_000 + i)}`,
          });
          await t.service.earn(t.admin, member.id, { points: 100, idempotencyKey: `seed-${i}` });
          members.push(member);
        }
        const results = await Promise.allSettled(
          members.map((m) => t.service.reserveReward(t.admin, m.id, reward.id, `ticket-${m.id}`)),
        );
        const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.redemption] : []));
        expect(won).toHaveLength(5);
        for (const r of results) {
          if (r.status === 'rejected') expect(r.reason.message).toMatch(/out of stock/);
        }
        expect((await t.data<Reward>('loyaltyReward').get(reward.id)).stock).toBe(0);
        const balances = await Promise.all(
          members.map(async (m) => (await t.service.balance(t.admin, m.id)).balance),
        );
        expect(balances.filter((b) => b === 60)).toHaveLength(5);
        expect(balances.filter((b) => b === 100)).toHaveLength(15);
        // nobody kept a stray entry: losers' attempts rolled back with the stock check
        expect(await t.data('loyaltyEntry').count({ kind: 'redeem' })).toBe(5);

        const first = won[0] as RedemptionRecord;
        const cancelled = await t.service.cancelRedemption(t.admin, first.id);
        expect(cancelled).toMatchObject({ status: 'cancelled', refundEntryId: expect.any(String) });
        expect((await t.service.balance(t.admin, first.memberId)).balance).toBe(100);
        expect(await ledgerSum(t, first.memberId)).toBe(100);
        expect((await t.data<Reward>('loyaltyReward').get(reward.id)).stock).toBe(1);
        expect((await t.service.cancelRedemption(t.admin, first.id)).refundEntryId).toBe(
          cancelled.refundEntryId,
        );
        await expect(t.service.fulfilRedemption(t.admin, first.id)).rejects.toMatchObject({
          code: 'CONFLICT',
        });
        await expect(t.service.reverse(t.admin, (won[1] as RedemptionRecord).entryId)).rejects.toThrow(
          /cancel the redemption/,
        );
        expect(await t.service.fulfilRedemption(t.admin, (won[1] as RedemptionRecord).id)).toMatchObject({
          status: 'fulfilled',
        });
        const poor = (
          await t.service.enrol(t.admin, { programmeId: t.programme.id, mobile: '+4915199999999' })
        ).member;
        await expect(t.service.reserveReward(t.admin, poor.id, reward.id, 'p')).rejects.toMatchObject({
          code: 'CONFLICT',
          details: { balance: 0 },
        });
        expect((await t.data<Reward>('loyaltyReward').get(reward.id)).stock).toBe(1);
      } finally {
        await t.stop();
        await made.cleanup?.();
      }
    });
  });
}
