import { describe, expect, it } from 'vitest';
import type { Entry } from '../entities/entry.js';
import type { MemberRecord } from '../entities/member.js';
import { bootLoyalty } from '../test-support/boot.js';
import { earn, expireDue, redeem } from './ledger-ops.js';

describe('history imported with its dates', () => {
  it('dates entries, expiry and the tier window at the instant given, in time order', async () => {
    const t = await bootLoyalty({ now: '2026-06-01T10:00:00.000Z', expiry: { kind: 'months', months: 6 } });
    try {
      await t.data('loyaltyProgramme').update(t.programme.id, {
        tiers: [
          { key: 'bronze', name: 'Bronze', threshold: 0 },
          { key: 'silver', name: 'Silver', threshold: 500 },
        ],
      });
      const { member } = await t.service.enrol(t.admin, {
        programmeId: t.programme.id,
        mobile: '0151 23456789',
      });
      const k = t.kernel;
      const first = await earn(k, member.id, {
        points: 300,
        idempotencyKey: 'o1',
        at: '2025-07-01T10:00:00.000Z',
      });
      expect(first.entry).toMatchObject({
        occurredAt: '2025-07-01T10:00:00.000Z',
        expiresAt: '2026-01-01T10:00:00.000Z',
      });
      await redeem(k, member.id, { points: 100, idempotencyKey: 'r1', at: '2025-09-01T10:00:00.000Z' });
      // 200 of the July points are left when they fall due in January
      const expired = await expireDue(k, member.id, Date.parse('2026-01-01T10:00:00.000Z'));
      expect(expired?.entry).toMatchObject({
        kind: 'expire',
        points: -200,
        occurredAt: '2026-01-01T10:00:00.000Z',
      });
      await earn(k, member.id, { points: 400, idempotencyKey: 'o2', at: '2026-02-01T10:00:00.000Z' });
      const after = (await t.data<MemberRecord>('loyaltyMember').get(member.id)) as MemberRecord;
      expect(after.balance).toBe(400);
      // the window at 1 February holds 300 + 400 qualifying points: silver
      expect(after.tier).toBe('silver');
      const entries = await t
        .data<Entry>('loyaltyEntry')
        .find({ where: { memberId: member.id }, sort: ['occurredAt'] });
      expect(entries.items.map((e) => [e.kind, e.points])).toEqual([
        ['earn', 300],
        ['redeem', -100],
        ['expire', -200],
        ['earn', 400],
      ]);
    } finally {
      await t.stop();
    }
  });

  it('refuses a date in the future or not a date, naming the field', async () => {
    const t = await bootLoyalty({ now: '2026-06-01T10:00:00.000Z' });
    try {
      const { member } = await t.service.enrol(t.admin, {
        programmeId: t.programme.id,
        mobile: '0151 23456789',
      });
      for (const at of ['2026-06-02T00:00:00.000Z', 'last week']) {
        await expect(earn(t.kernel, member.id, { points: 1, idempotencyKey: at, at })).rejects.toMatchObject({
          errors: [{ path: 'at', rule: 'format' }],
        });
      }
    } finally {
      await t.stop();
    }
  });
});
