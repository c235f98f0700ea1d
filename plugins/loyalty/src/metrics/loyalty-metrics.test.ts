import { describe, expect, it } from 'vitest';
import { bootLoyalty } from '../test-support/boot.js';

describe('loyalty metrics', () => {
  it('count members and enrolments, sum the liability, and rate redemptions, from the ledger', async () => {
    const t = await bootLoyalty({ now: '2026-06-01T00:00:00.000Z' });
    try {
      const a = (await t.service.enrol(t.admin, { programmeId: t.programme.id, mobile: '0151 11111111' }))
        .member;
      const b = (await t.service.enrol(t.admin, { programmeId: t.programme.id, mobile: '0151 22222222' }))
        .member;
      await t.service.earn(t.admin, a.id, { points: 300, idempotencyKey: 'a1' });
      await t.service.earn(t.admin, b.id, { points: 100, idempotencyKey: 'b1' });
      await t.service.redeem(t.admin, a.id, { points: 100, idempotencyKey: 'a2' });
      const period = { from: Date.parse('2026-06-01T00:00:00Z'), to: Date.parse('2026-07-01T00:00:00Z') };
      const value = async (id: string) =>
        (await t.kernel.metrics.compute(id, period, { actor: t.admin })).value;
      expect(await value('loyalty.activeMembers')).toBe(2);
      expect(await value('loyalty.enrolments')).toBe(2);
      expect(await value('loyalty.pointsLiability')).toBe(300);
      expect(await value('loyalty.redemptionRate')).toBe(0.25);
      const outside = { from: Date.parse('2026-05-01T00:00:00Z'), to: Date.parse('2026-06-01T00:00:00Z') };
      expect(
        (await t.kernel.metrics.compute('loyalty.redemptionRate', outside, { actor: t.admin })).value,
      ).toBeNull();
    } finally {
      await t.stop();
    }
  });
});
