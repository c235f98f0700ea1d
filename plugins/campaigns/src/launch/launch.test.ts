import { SYSTEM_ACTOR } from '@rapport/core';
import type { Customer } from '@rapport/plugin-customers';
import { afterEach, describe, expect, it } from 'vitest';
import type { Campaign, CampaignRecord } from '../entities/campaign.js';
import type { CampaignMember } from '../entities/campaign-member.js';
import { bootCampaigns, type CampaignsTest } from '../test-support/boot.js';

describe('launching a campaign', () => {
  let t: CampaignsTest;
  afterEach(() => t.stop());

  const draft = (fields: Partial<Campaign> = {}) =>
    t.data<Campaign>('campaign').create({
      name: 'Spring',
      type: 'retention',
      audience: { where: { tags: { contains: 'spring' } } },
      channels: [{ channel: 'email', templateKey: 'spring' }],
      ...fields,
    }) as Promise<CampaignRecord>;
  const members = async (campaignId: string) =>
    (
      await t.kernel
        .data<CampaignMember>('campaignMember', { actor: SYSTEM_ACTOR })
        .find({ where: { campaignId }, limit: 500 })
    ).items;

  it('freezes the audience at launch: customers who join or change later change nothing', async () => {
    t = await bootCampaigns({ campaigns: { batchSize: 7 } });
    const ids = await t.customers(20, (i) => ({ tags: i < 15 ? ['spring'] : [] }));
    await t.consent(ids);
    const campaign = await draft();
    expect(campaign.status).toBe('draft');
    const launched = await t.service.launch(t.admin, campaign.id);
    expect(launched).toMatchObject({ status: 'running', phase: 'freezing', audienceSize: 0 });
    expect(launched.drawSeed).toMatch(/^[0-9a-f]{32}$/);
    t.clock.advance(1_000);
    await t.customers(3, () => ({ tags: ['spring'] })); // joined after launch: not in the audience
    const report = await t.service.run(campaign.id, 100);
    expect(report).toMatchObject({ frozen: 15, queued: 15, excluded: 0, status: 'completed' });
    const done = (await t.data<Campaign>('campaign').get(campaign.id)) as CampaignRecord;
    expect(done).toMatchObject({ status: 'completed', phase: 'done', audienceSize: 15 });
    expect(done.counts).toMatchObject({ targeted: 0, control: 0, excluded: 0 });
    expect((done.counts?.queued ?? 0) + (done.counts?.sent ?? 0)).toBe(15);
    // Re-running the segment later changes nothing.
    for (const id of ids.slice(0, 5)) await t.data<Customer>('customer').update(id, { tags: [] });
    expect(await t.service.run(campaign.id)).toMatchObject({ frozen: 0, queued: 0, status: 'completed' });
    expect((await members(campaign.id)).map((m) => m.customerId).sort()).toEqual(ids.slice(0, 15).sort());
    await t.settle();
    expect((await members(campaign.id)).every((m) => m.status === 'sent')).toBe(true);
  });

  it('sends through messaging: no consent, an opt-out and a suppression exclude the member with messaging’s reason', async () => {
    t = await bootCampaigns();
    const ids = await t.customers(5, () => ({ tags: ['spring'] }));
    const noEmail = await t
      .data<Customer>('customer')
      .create({ kind: 'person', name: 'Nomail', tags: ['spring'] });
    await t.consent(ids.slice(0, 4));
    await t
      .data('consent')
      .create({ customerId: ids[1], channel: 'email', purpose: 'marketing', state: 'out', source: 'form' });
    await t
      .data('suppression')
      .create({ channel: 'email', address: 'c2@example.com', reason: 'hard-bounce' });
    const campaign = await draft();
    await t.service.launch(t.admin, campaign.id);
    const report = await t.service.run(campaign.id);
    expect(report).toMatchObject({ frozen: 6, queued: 2, excluded: 4, status: 'completed' });
    const byCustomer = new Map((await members(campaign.id)).map((m) => [m.customerId, m]));
    expect(byCustomer.get(ids[0] as string)?.status).toMatch(/^(queued|sent)$/);
    expect(byCustomer.get(ids[1] as string)?.reason?.code).toBe('consent.optedOut');
    expect(byCustomer.get(ids[2] as string)?.reason?.code).toMatch(/^suppressed/);
    expect(byCustomer.get(ids[4] as string)?.reason?.code).toBe('consent.missing');
    expect(byCustomer.get(noEmail.id)?.reason?.code).toBe('messaging.address.missing');
    const done = (await t.data<Campaign>('campaign').get(campaign.id)) as CampaignRecord;
    expect(done.counts).toMatchObject({ excluded: 4, targeted: 0 });
    expect((done.counts?.queued ?? 0) + (done.counts?.sent ?? 0)).toBe(2);
  });

  it('honours frequency caps: deferred by default, excluded with onlyNow', async () => {
    t = await bootCampaigns({ messaging: { frequencyCaps: [{ channel: 'email', max: 1, window: 'week' }] } });
    const ids = await t.customers(2, () => ({ tags: ['spring'] }));
    await t.consent(ids);
    const first = await draft();
    await t.service.launch(t.admin, first.id);
    await t.service.run(first.id);
    await t.settle();
    const waits = await draft({ name: 'Again' });
    await t.service.launch(t.admin, waits.id);
    await t.service.run(waits.id);
    const drops = await draft({ name: 'Once more', onlyNow: true });
    await t.service.launch(t.admin, drops.id);
    await t.service.run(drops.id);
    expect((await members(waits.id)).map((m) => [m.status, m.reason?.code])).toEqual([
      ['queued', 'frequencyCap'],
      ['queued', 'frequencyCap'],
    ]);
    expect((await members(drops.id)).map((m) => [m.status, m.reason?.code])).toEqual([
      ['excluded', 'frequencyCap'],
      ['excluded', 'frequencyCap'],
    ]);
  });

  it('moves only along draft → scheduled → running → completed, or cancelled; freezes what launched', async () => {
    t = await bootCampaigns();
    await t.customers(2, () => ({ tags: ['spring'] }));
    const campaign = await draft();
    await expect(t.service.schedule(t.admin, campaign.id)).rejects.toThrow(/startAt is needed/);
    await t.data<Campaign>('campaign').update(campaign.id, { startAt: '2026-06-01T12:00:00.000Z' });
    expect((await t.service.schedule(t.admin, campaign.id)).status).toBe('scheduled');
    await expect(t.data<Campaign>('campaign').update(campaign.id, { status: 'completed' })).rejects.toThrow(
      /readOnly|computed|read-only/i,
    );
    await t.advance('2h'); // the dispatch job launches it at startAt and sends
    const done = (await t.data<Campaign>('campaign').get(campaign.id)) as CampaignRecord;
    expect(done.status).toBe('completed');
    expect(done.launchedAt).toBe('2026-06-01T12:00:00.000Z');
    await expect(t.service.cancel(t.admin, campaign.id)).rejects.toThrow(
      /a completed campaign cannot be cancelled/,
    );
    await expect(
      t.data<Campaign>('campaign').update(campaign.id, { audience: { where: { name: 'x' } } }),
    ).rejects.toThrow(/audience is frozen/);
    await expect(
      t.data<Campaign>('campaign').update(campaign.id, { cost: { amount: 5000, currency: 'EUR' } }),
    ).resolves.toBeTruthy();
    await expect(t.data('campaign').delete(campaign.id)).rejects.toThrow(/cancel it instead/);
    const other = await draft({ name: 'Other' });
    await t.service.launch(t.admin, other.id);
    expect((await t.service.cancel(t.admin, other.id)).status).toBe('cancelled');
    await expect(t.service.launch(t.admin, other.id)).rejects.toThrow(
      /a cancelled campaign cannot be launched/,
    );
  });

  it('refuses a launch whose template does not exist, naming the field', async () => {
    t = await bootCampaigns();
    const campaign = await draft({ channels: [{ channel: 'sms', templateKey: 'nope' }] });
    await expect(t.service.launch(t.admin, campaign.id)).rejects.toMatchObject({
      errors: [{ path: 'channels.0.templateKey', rule: 'campaigns.template' }],
    });
    const agent = t.actor(['marketingViewer']);
    await expect(t.service.launch(agent, campaign.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
