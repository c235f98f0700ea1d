import { describe, expect, it } from 'vitest';
import type { MemberRecord } from '../entities/member.js';
import type { TierChange } from '../entities/tier-change.js';
import { bootLoyalty } from '../test-support/boot.js';
import { tierFor } from './tiers.js';

const TIERS = [
  { key: 'gold', name: 'Gold', threshold: 1_000 },
  { key: 'bronze', name: 'Bronze', threshold: 0 },
  { key: 'silver', name: 'Silver', threshold: 300 },
];

describe('tiers', () => {
  it('picks the highest tier reached, whatever order they are listed in', () => {
    expect(tierFor(TIERS, 0)?.key).toBe('bronze');
    expect(tierFor(TIERS, 299)?.key).toBe('bronze');
    expect(tierFor(TIERS, 300)?.key).toBe('silver');
    expect(tierFor(TIERS, 5_000)?.key).toBe('gold');
    expect(tierFor(TIERS.slice(0, 1), 10)).toBeUndefined();
  });

  it('upgrade at once on qualifying points, no downgrade until the yearly review, history kept, across DST', async () => {
    const t = await bootLoyalty({ now: '2026-03-20T09:00:00.000Z', timeZone: 'Europe/Berlin' });
    try {
      await t.data('loyaltyProgramme').update(t.programme.id, { tiers: TIERS, tierWindowMonths: 6 });
      const { member } = await t.service.enrol(t.admin, {
        programmeId: t.programme.id,
        mobile: '0151 23456789',
      });
      const tierOf = async () =>
        ((await t.data<MemberRecord>('loyaltyMember').get(member.id)) as MemberRecord).tier;
      await t.service.earn(t.admin, member.id, { points: 200, idempotencyKey: 'a' });
      expect(await tierOf()).toBe('bronze');
      await t.advance('10d'); // over the change to summer time
      await t.service.earn(t.admin, member.id, { points: 150, idempotencyKey: 'b' });
      expect(await tierOf()).toBe('silver');
      // bonus points without qualifying value do not lift the tier
      const goodwill = await t.service.adjust(t.admin, member.id, {
        points: 5_000,
        idempotencyKey: 'goodwill',
      });
      expect(goodwill.entry).toMatchObject({ kind: 'adjust', points: 5_000, qualifying: 0 });
      expect(await tierOf()).toBe('silver');
      // redeeming does not lower it, nor does the window moving on before the review
      await t.service.redeem(t.admin, member.id, { points: 300, idempotencyKey: 'r' });
      await t.advance('200d'); // both earns are now outside the 6-month window, still no review
      expect(await tierOf()).toBe('silver');
      // the review on 1 January sets it from the window: no qualifying points left → bronze (threshold 0)
      await t.advance('90d');
      expect(await tierOf()).toBe('bronze');
      const history = await t.data<TierChange>('loyaltyTierChange').find({
        where: { memberId: member.id },
        sort: ['createdAt'],
      });
      expect(history.items.map((c) => [c.from ?? null, c.to ?? null, c.reason])).toEqual([
        [null, 'bronze', 'upgrade'],
        ['bronze', 'silver', 'upgrade'],
        ['silver', 'bronze', 'review'],
      ]);
    } finally {
      await t.stop();
    }
  });
});
