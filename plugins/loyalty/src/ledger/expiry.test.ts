import { describe, expect, it } from 'vitest';
import type { Entry } from '../entities/entry.js';
import { bootLoyalty, ledgerSum } from '../test-support/boot.js';
import { expiryOf } from './expiry.js';

describe('expiry', () => {
  it('computes dates on the wall clock of the deployment, across a DST change', () => {
    const earned = Date.parse('2026-03-01T09:00:00.000Z'); // 10:00 in Berlin, winter time
    expect(expiryOf({ kind: 'months', months: 6 }, earned, 'Europe/Berlin')).toBe('2026-09-01T08:00:00.000Z');
    expect(expiryOf({ kind: 'endOfFollowingYear' }, earned, 'Europe/Berlin')).toBe(
      '2027-12-31T23:00:00.000Z',
    );
    expect(expiryOf({ kind: 'never' }, earned, 'Europe/Berlin')).toBeUndefined();
  });

  it('the nightly job expires what is left, soonest first, after redemptions took the oldest points', async () => {
    const t = await bootLoyalty({
      now: '2026-03-01T09:00:00.000Z',
      timeZone: 'Europe/Berlin',
      expiry: { kind: 'months', months: 6 },
    });
    try {
      const { member } = await t.service.enrol(t.admin, {
        programmeId: t.programme.id,
        mobile: '0151 23456789',
      });
      const first = await t.service.earn(t.admin, member.id, { points: 100, idempotencyKey: 'a' });
      await t.advance('40d'); // into summer time
      const second = await t.service.earn(t.admin, member.id, { points: 70, idempotencyKey: 'b' });
      const redeemed = await t.service.redeem(t.admin, member.id, { points: 60, idempotencyKey: 'r' });
      expect(redeemed.entry.allocations).toEqual([{ entryId: first.entry.id, points: 60 }]);
      expect(await t.service.balance(t.admin, member.id)).toEqual({
        memberId: member.id,
        balance: 110,
        nextExpiry: { at: '2026-09-01T08:00:00.000Z', points: 40 },
      });
      // the night after 1 September (10:00 Berlin) the job writes one expire entry for the 40 left
      await t.advance('150d');
      const expired = await t
        .data<Entry>('loyaltyEntry')
        .find({ where: { memberId: member.id, kind: 'expire' } });
      expect(expired.items).toHaveLength(1);
      expect(expired.items[0]).toMatchObject({
        points: -40,
        allocations: [{ entryId: first.entry.id, points: 40 }],
      });
      expect((await t.service.balance(t.admin, member.id)).balance).toBe(70);
      expect(await ledgerSum(t, member.id)).toBe(70);
      // running the job again writes nothing more
      expect(await t.service.expireDue()).toBe(0);
      expect(second.entry.expiresAt).toBe('2026-10-10T09:00:00.000Z');
    } finally {
      await t.stop();
    }
  });
});
