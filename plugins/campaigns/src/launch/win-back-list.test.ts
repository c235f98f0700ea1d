import { SYSTEM_ACTOR } from '@rapport/core';
import { LOYALTY, loyalty } from '@rapport/plugin-loyalty';
import { sales } from '@rapport/plugin-sales';
import { afterEach, describe, expect, it } from 'vitest';
import type { Campaign, CampaignRecord } from '../entities/campaign.js';
import { bootCampaigns, type CampaignsTest } from '../test-support/boot.js';

describe("a win-back campaign feeds loyalty's win-back list", () => {
  let t: CampaignsTest;
  afterEach(() => t.stop());

  it('records an attempt for each loyalty member it reached, which a purchase marks won', async () => {
    t = await bootCampaigns({ plugins: [sales(), loyalty({ defaultRegion: 'DE' })] });
    const programme = await t
      .data('loyaltyProgramme')
      .create({ name: 'Club', currency: 'EUR', expiry: { kind: 'never' } });
    const { member } = await t.kernel
      .resolve(LOYALTY)
      .enrol(t.admin, { programmeId: programme.id, mobile: '0151 11111111' });
    const [other] = await t.customers(1, () => ({ tags: ['lapsed'] }));
    await t.data('customer').update(member.customerId, { tags: ['lapsed'] });
    await t.consent([member.customerId], 'sms');
    await t.consent([other as string]);
    const campaign = (await t.data<Campaign>('campaign').create({
      name: 'Come back',
      type: 'win-back',
      audience: { where: { tags: { contains: 'lapsed' } } },
      channels: [
        { channel: 'sms', templateKey: 'spring' },
        { channel: 'email', templateKey: 'spring' },
      ],
    })) as CampaignRecord;
    await t.service.launch(t.admin, campaign.id);
    await t.service.run(campaign.id);
    const attempts = () => t.kernel.data('loyaltyWinBack', { actor: SYSTEM_ACTOR }).find({ limit: 10 });
    expect((await attempts()).items).toEqual([
      expect.objectContaining({
        memberId: member.id,
        channel: 'sms',
        note: 'Campaign: Come back',
        outcome: 'pending',
      }),
    ]);
    await t
      .data('order')
      .create({ customerId: member.customerId, total: { amount: 2_000, currency: 'EUR' } });
    await t.settle();
    expect((await attempts()).items[0]).toMatchObject({ outcome: 'won' });
  });
});
