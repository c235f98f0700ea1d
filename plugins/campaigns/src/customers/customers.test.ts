import { SYSTEM_ACTOR } from '@rapport/core';
import { CUSTOMERS } from '@rapport/plugin-customers';
import { afterEach, describe, expect, it } from 'vitest';
import type { Campaign, CampaignRecord } from '../entities/campaign.js';
import type { CampaignMember } from '../entities/campaign-member.js';
import { bootCampaigns, type CampaignsTest } from '../test-support/boot.js';

describe('campaigns on the customer: timeline, 7P Promotion, merge', () => {
  let t: CampaignsTest;
  afterEach(() => t.stop());

  it('shows touches on the timeline and campaigns and topics in the Promotion part; a merge moves them', async () => {
    t = await bootCampaigns();
    const [ada, dup, cem] = (await t.customers(3, () => ({ tags: ['spring'] }))) as string[];
    await t.consent([ada as string, cem as string]);
    await t.data('campaignTopic').create({ key: 'garden', name: 'Garden' });
    await t.service.follow(t.admin, dup as string, 'garden');
    const campaign = (await t.data<Campaign>('campaign').create({
      name: 'Spring',
      type: 'retention',
      audience: { where: { tags: { contains: 'spring' } } },
      channels: [{ channel: 'email', templateKey: 'spring' }],
    })) as CampaignRecord;
    await t.service.launch(t.admin, campaign.id);
    await t.service.run(campaign.id);
    await t.settle();
    const service = t.kernel.resolve(CUSTOMERS);
    const timeline = await service.timeline(t.admin, ada as string);
    expect(timeline.items.find((i) => i.source === 'campaigns')).toMatchObject({
      type: 'campaign.touch',
      title: 'Campaign: Spring',
      summary: 'email, sent',
    });
    const dupTimeline = await service.timeline(t.admin, dup as string);
    expect(dupTimeline.items.find((i) => i.source === 'campaigns')?.summary).toMatch(/^not sent:/);
    const profile = await service.profile(t.admin, ada as string);
    expect(profile.parts.promotion).toMatchObject({ status: 'available' });
    const part = profile.parts.promotion as { contributions: Array<{ source: string; summary?: string }> };
    expect(part.contributions.find((c) => c.source === 'campaigns')?.summary).toMatch(
      /^1 campaign\(s\) reached them/,
    );
    // merging the duplicate into Cem: both were in the campaign, so the duplicate's member stays; its interest moves
    await service.merge(t.admin, cem as string, dup as string);
    const interests = (await t.data('campaignInterest').find({ limit: 10 })).items;
    expect(interests.map((i) => i.customerId)).toEqual([cem]);
    const members = (
      await t.kernel.data<CampaignMember>('campaignMember', { actor: SYSTEM_ACTOR }).find({ limit: 10 })
    ).items;
    expect(members).toHaveLength(3);
  });
});
