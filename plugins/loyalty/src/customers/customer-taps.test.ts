import { CUSTOMERS } from '@rapport/plugin-customers';
import { describe, expect, it } from 'vitest';
import { bootLoyalty } from '../test-support/boot.js';

describe('timeline and 7P', () => {
  it('points earned and redeemed appear on the timeline; Persistency shows membership, tier, stage and balance', async () => {
    const t = await bootLoyalty();
    try {
      await t.data('loyaltyProgramme').update(t.programme.id, {
        tiers: [{ key: 'silver', name: 'Silver', threshold: 100 }],
      });
      const { member } = await t.service.enrol(t.admin, {
        programmeId: t.programme.id,
        mobile: '0151 23456789',
      });
      await t.service.earn(t.admin, member.id, { points: 120, idempotencyKey: 'a' });
      await t.advance('1h');
      await t.service.redeem(t.admin, member.id, { points: 20, idempotencyKey: 'b' });
      const customers = t.kernel.resolve(CUSTOMERS);
      const timeline = await customers.timeline(t.admin, member.customerId);
      const loyaltyItems = timeline.items.filter((item) => item.source === 'loyalty');
      expect(loyaltyItems.map((item) => [item.type, item.summary])).toEqual([
        ['loyalty.redeem', '-20 points, balance 100'],
        ['loyalty.earn', '+120 points, balance 120'],
      ]);
      const profile = await customers.profile(t.admin, member.customerId);
      expect(profile.parts.persistency).toMatchObject({
        status: 'available',
        contributions: expect.arrayContaining([
          expect.objectContaining({
            source: 'loyalty',
            summary: 'Club: active, tier silver, expectation, 100 points',
          }),
        ]),
      });
    } finally {
      await t.stop();
    }
  });
});
