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

describe('customer merge', () => {
  it('moves memberships with their ledger to the survivor, and refuses two memberships of one programme', async () => {
    const t = await bootLoyalty();
    try {
      const customers = t.kernel.resolve(CUSTOMERS);
      const survivor = await t.data('customer').create({ kind: 'person', name: 'Ada Lovelace' });
      const { member } = await t.service.enrol(t.admin, {
        programmeId: t.programme.id,
        mobile: '0151 23456789',
      });
      await t.service.earn(t.admin, member.id, { points: 70, idempotencyKey: 'a' });
      const attempt = await t.data('loyaltyWinBack').create({ memberId: member.id, channel: 'sms' });

      const result = await customers.merge(t.admin, survivor.id, member.customerId);
      expect(result.moved).toMatchObject({ loyaltyMember: 1, loyaltyWinBack: 1 });
      const moved = await t.data('loyaltyMember').get(member.id);
      expect(moved).toMatchObject({ customerId: survivor.id, balance: 70, number: member.number });
      expect((await t.data('loyaltyWinBack').get(attempt.id)).customerId).toBe(survivor.id);
      const timeline = await customers.timeline(t.admin, survivor.id);
      expect(timeline.items.filter((item) => item.source === 'loyalty').map((item) => item.summary)).toEqual([
        '+70 points, balance 70',
      ]);

      // a second membership of the same programme cannot join the survivor's
      const second = await t.service.enrol(t.admin, { programmeId: t.programme.id, mobile: '0160 9876543' });
      const refused = await customers.merge(t.admin, survivor.id, second.member.customerId).catch((e) => e);
      expect(refused).toMatchObject({
        code: 'CONFLICT',
        details: { kind: 'state', entity: 'loyaltyMember', members: [member.id, second.member.id] },
      });
      expect(refused.message).toContain(t.programme.id);
      // nothing of the refused merge stayed
      expect((await t.data('customer').get(second.member.customerId)).id).toBe(second.member.customerId);
      expect((await t.data('loyaltyMember').get(second.member.id)).customerId).toBe(second.member.customerId);
    } finally {
      await t.stop();
    }
  });
});
