import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../entities/entry.js';
import { lotsOf } from '../entities/lots.js';
import type { MemberRecord } from '../entities/member.js';
import { bootLoyalty, ledgerSum } from '../test-support/boot.js';

/** One operation of a random session against a member's ledger. */
type Op =
  | { op: 'earn'; points: number; key: number }
  | { op: 'redeem'; points: number; key: number }
  | { op: 'reverse'; nth: number }
  | { op: 'wait'; days: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('earn' as const),
    points: fc.integer({ min: 1, max: 500 }),
    key: fc.integer({ min: 0, max: 12 }),
  }),
  fc.record({
    op: fc.constant('redeem' as const),
    points: fc.integer({ min: 1, max: 400 }),
    key: fc.integer({ min: 0, max: 12 }),
  }),
  fc.record({ op: fc.constant('reverse' as const), nth: fc.nat() }),
  fc.record({ op: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 120 }) }),
);

describe('ledger invariants (property-based, on the kernel)', () => {
  it('balance = sum of entries = sum of open lots; lots never at or below zero; retries never post twice; reversals exact', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        const t = await bootLoyalty({ expiry: { kind: 'months', months: 3 } });
        try {
          const { member } = await t.service.enrol(t.admin, {
            programmeId: t.programme.id,
            mobile: '+4915123456789',
          });
          const earned: string[] = [];
          const keys = new Map<string, number>();
          for (const step of ops) {
            if (step.op === 'wait') {
              await t.advance(`${step.days}d`);
            } else if (step.op === 'reverse') {
              const id = earned[step.nth % Math.max(earned.length, 1)];
              if (id) await t.service.reverse(t.admin, id);
            } else {
              const key = `${step.op}-${step.key}`;
              const before =
                ((await t.data<MemberRecord>('loyaltyMember').get(member.id)) as MemberRecord).balance ?? 0;
              try {
                const posted = await t.service[step.op](t.admin, member.id, {
                  points: step.points,
                  idempotencyKey: key,
                });
                if (keys.has(key)) expect(posted.replayed).toBe(true);
                else keys.set(key, posted.entry.points);
                if (step.op === 'earn' && !posted.replayed) earned.push(posted.entry.id);
              } catch (error) {
                expect(step.op).toBe('redeem');
                expect((error as { code: string }).code).toBe('CONFLICT');
                expect(before).toBeLessThan(step.points);
              }
            }
            const stored = (await t.data<MemberRecord>('loyaltyMember').get(member.id)) as MemberRecord;
            const lots = await lotsOf(t.kernel, member.id);
            for (const lot of lots) expect(lot.remaining).toBeGreaterThan(0);
            expect(await ledgerSum(t, member.id)).toBe(stored.balance ?? 0);
            const lotSum = lots.reduce((s, l) => s + l.remaining, 0);
            // a negative balance only comes from reversing points already spent: lots are then empty
            expect(lotSum).toBe(Math.max(stored.balance ?? 0, 0));
          }
          // every earn reversed at most once, and exactly
          const reversals = await t
            .data<Entry>('loyaltyEntry')
            .find({ where: { memberId: member.id, kind: 'reverse' }, limit: 500 });
          const reversed = reversals.items.map((r) => r.reverses);
          expect(new Set(reversed).size).toBe(reversed.length);
          for (const r of reversals.items) {
            const original = await t.data<Entry>('loyaltyEntry').get(r.reverses as string);
            expect(r.points).toBe(-original.points);
          }
        } finally {
          await t.stop();
        }
      }),
      { numRuns: 25 },
    );
  });
});
