import { ConflictError, ValidationError } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import type { MemberRecord } from '../entities/member.js';
import type { Reward, RewardRecord } from '../entities/reward.js';
import { bootLoyalty, ledgerSum } from '../test-support/boot.js';

const TIERS = [
  { key: 'bronze', name: 'Bronze', threshold: 0 },
  { key: 'silver', name: 'Silver', threshold: 300 },
  { key: 'gold', name: 'Gold', threshold: 1_000 },
];

describe('a reward’s tierRequired', () => {
  it('refuses a member ranked below it, keeping every point and the stock; lets them once they reach it', async () => {
    const t = await bootLoyalty();
    try {
      await t.data('loyaltyProgramme').update(t.programme.id, { tiers: TIERS });
      const lounge = (await t.data<Reward>('loyaltyReward').create({
        programmeId: t.programme.id,
        name: 'Lounge pass',
        cost: 200,
        stock: 3,
        tierRequired: 'silver',
      })) as RewardRecord;
      const { member } = await t.service.enrol(t.admin, {
        programmeId: t.programme.id,
        mobile: '0151 23456789',
      });
      await t.service.earn(t.admin, member.id, { points: 250, idempotencyKey: 'a' });
      const refused = await t.service
        .reserveReward(t.admin, member.id, lounge.id, 'first')
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ConflictError);
      expect((refused as ConflictError).message).toBe(
        "reward 'Lounge pass' needs tier Silver; the member is at Bronze",
      );
      expect((refused as ConflictError).details).toMatchObject({ tierRequired: 'silver', tier: 'bronze' });
      const after = (await t.data<MemberRecord>('loyaltyMember').get(member.id)) as MemberRecord;
      expect(after.balance).toBe(250);
      expect(await ledgerSum(t, member.id)).toBe(250);
      expect((await t.data<RewardRecord>('loyaltyReward').get(lounge.id)).stock).toBe(3);
      expect(await t.data('loyaltyRedemption').count({ memberId: member.id })).toBe(0);

      await t.service.earn(t.admin, member.id, { points: 100, idempotencyKey: 'b' }); // 350: silver
      const { redemption } = await t.service.reserveReward(t.admin, member.id, lounge.id, 'second');
      expect(redemption.status).toBe('reserved');
      expect((await t.data<RewardRecord>('loyaltyReward').get(lounge.id)).stock).toBe(2);
    } finally {
      await t.stop();
    }
  });

  it('must name a tier of the programme', async () => {
    const t = await bootLoyalty();
    try {
      const create = (tierRequired: string) =>
        t
          .data('loyaltyReward')
          .create({ programmeId: t.programme.id, name: 'Upgrade', cost: 10, tierRequired })
          .catch((error: unknown) => error);
      const none = (await create('gold')) as ValidationError;
      expect(none).toBeInstanceOf(ValidationError);
      expect(none.errors[0]).toMatchObject({ path: 'tierRequired', rule: 'loyalty.tier' });
      expect(none.errors[0]?.message).toContain('has no tiers');
      await t.data('loyaltyProgramme').update(t.programme.id, { tiers: TIERS });
      const wrong = (await create('platinum')) as ValidationError;
      expect(wrong.errors[0]?.message).toBe(
        "must be a tier of programme 'Club': one of bronze, silver, gold",
      );
      await expect(create('gold')).resolves.toMatchObject({ tierRequired: 'gold' });
    } finally {
      await t.stop();
    }
  });
});
