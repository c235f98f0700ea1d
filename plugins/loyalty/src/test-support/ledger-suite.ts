import type { DataStore } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import type { MemberRecord } from '../entities/member.js';
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
        expect(stored.lots).toEqual([]);
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
