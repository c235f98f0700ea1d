import { SYSTEM_ACTOR } from '@rapport/core';
import { MESSAGING } from '@rapport/plugin-messaging';
import { sales } from '@rapport/plugin-sales';
import { afterEach, describe, expect, it } from 'vitest';
import type { CampaignMember } from '../entities/campaign-member.js';
import type { Interest } from '../entities/interest.js';
import { bootCampaigns, type CampaignsTest } from '../test-support/boot.js';

describe('topics, interests and interest-based outreach', () => {
  let t: CampaignsTest;
  afterEach(() => t.stop());

  const interests = async () =>
    (await t.kernel.data<Interest>('campaignInterest', { actor: SYSTEM_ACTOR }).find({ limit: 100 })).items;

  it('announces a product to the followers of its topics who consented, and previews the count', async () => {
    t = await bootCampaigns({ plugins: [sales()] });
    await t
      .data('campaignTopic')
      .create({ key: 'garden', name: 'Garden', keyword: 'GARDEN', inferFrom: ['Hedge trimmer'] });
    await t.data('campaignTopic').create({ key: 'kitchen', name: 'Kitchen' });
    const [ada, bob, cem, dan, eve] = (await t.customers(5)) as string[];
    await t.consent([ada, bob, cem, eve] as string[]);
    await t.service.follow(t.admin, ada as string, 'garden', 'console'); // declared
    await t.service.follow(t.admin, ada as string, 'garden'); // twice: still one interest
    await t.service.follow(t.admin, dan as string, 'garden'); // follows, but no consent
    await t.service.follow(t.admin, eve as string, 'kitchen'); // another topic
    await t.data('order').create({
      customerId: bob,
      lines: [{ product: 'Hedge trimmer', quantity: 1, unitPrice: { amount: 4_900, currency: 'EUR' } }],
    }); // inferred from the order
    await t.settle();
    const followers = await interests();
    expect(followers.map((i) => [i.customerId, i.topic, i.source, i.via]).sort()).toEqual(
      [
        [ada, 'garden', 'declared', 'console'],
        [bob, 'garden', 'inferred', 'order'],
        [dan, 'garden', 'declared', 'api'],
        [eve, 'kitchen', 'declared', 'api'],
      ].sort(),
    );
    expect(followers.find((i) => i.customerId === bob)?.rule).toMatch(/bought 'Hedge trimmer'/);
    await expect(t.service.follow(t.admin, cem as string, 'nope')).rejects.toMatchObject({
      errors: [{ path: 'topic', rule: 'campaigns.topic' }],
    });
    expect(await t.service.preview(t.admin, { topics: ['garden'] }, 'email')).toMatchObject({
      audience: 3,
      withConsent: 2,
    });
    const campaign = await t.service.announce(t.admin, {
      name: 'New hedge trimmer',
      topics: ['garden'],
      channels: [{ channel: 'email', templateKey: 'spring' }],
      data: { product: 'Hedge trimmer 2' },
    });
    expect(campaign).toMatchObject({
      type: 'announcement',
      audience: { topics: ['garden'] },
      status: 'draft',
    });
    await t.service.launch(t.admin, campaign.id);
    await t.service.run(campaign.id);
    const members = (
      await t.kernel
        .data<CampaignMember>('campaignMember', { actor: SYSTEM_ACTOR })
        .find({ where: { campaignId: campaign.id }, limit: 10 })
    ).items;
    expect(
      members.map((m) => [m.customerId, m.status === 'excluded' ? m.reason?.code : 'reached']).sort(),
    ).toEqual(
      [
        [ada, 'reached'],
        [bob, 'reached'],
        [dan, 'consent.missing'],
      ].sort(),
    );
    await expect(
      t.service.announce(t.admin, {
        name: 'x',
        topics: ['none'],
        channels: [{ channel: 'email', templateKey: 'spring' }],
      }),
    ).rejects.toMatchObject({ errors: [{ path: 'topics.0' }] });
  });

  it('follows a topic from a reply keyword', async () => {
    t = await bootCampaigns();
    await t.data('campaignTopic').create({ key: 'garden', name: 'Garden', keyword: 'GARDEN' });
    const [ada] = (await t.customers(1, () => ({ phone: '+4915100000010' }))) as string[];
    const account = (await t.data('channelAccount').find({ where: { channel: 'sms' }, limit: 1 })).items[0];
    const messaging = t.kernel.resolve(MESSAGING);
    await messaging.receive(
      account as never,
      { from: '+4915100000010', text: ' Garden. ', providerMessageId: 'a' } as never,
    );
    await messaging.receive(
      account as never,
      { from: '+4915100000010', text: 'my garden is nice', providerMessageId: 'b' } as never,
    );
    await t.settle();
    expect((await interests()).map((i) => [i.customerId, i.topic, i.via])).toEqual([
      [ada, 'garden', 'keyword'],
    ]);
  });
});
