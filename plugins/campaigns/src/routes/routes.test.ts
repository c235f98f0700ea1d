import { SYSTEM_ACTOR } from '@rapport/core';
import { type Customer, customers } from '@rapport/plugin-customers';
import { MESSAGING, messaging } from '@rapport/plugin-messaging';
import { sales } from '@rapport/plugin-sales';
import { unboundedOpenApiPaths } from '@rapport/server';
import { createTestServer, openApiLintErrors, type TestServer } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { campaigns } from '../campaigns-plugin.js';
import type { CampaignMember } from '../entities/campaign-member.js';
import { CAMPAIGNS } from '../service.js';

type Json = Record<string, unknown>;

describe('the campaigns routes, tracked links, replies and metrics', () => {
  let s: TestServer<'admin' | 'marketer' | 'viewer'>;
  afterEach(() => s.stop());

  async function boot() {
    s = await createTestServer({
      plugins: [
        customers({ currency: 'EUR', defaultRegion: 'DE' }),
        messaging({ publicUrl: 'https://crm.example.com', quietHours: false }),
        sales(),
        campaigns({ publicUrl: 'https://crm.example.com' }),
      ],
      now: '2026-06-01T10:00:00.000Z',
      keys: { admin: ['admin'], marketer: ['marketer'], viewer: ['marketingViewer'] },
    });
    await s.json('POST', '/api/channel-accounts', 'admin', {
      name: 'sms',
      channel: 'sms',
      adapter: 'log',
      from: '+4930111222',
      isDefault: true,
    });
    await s.t.data('messageTemplate').create({
      key: 'offer',
      channel: 'sms',
      locale: 'en',
      purpose: 'marketing',
      fields: ['link'],
      text: 'Come back: {{data.link}}',
    });
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const c = await s.t
        .data<Customer>('customer')
        .create({ kind: 'person', name: `P${i}`, phone: `+49151000000${i}1`, tags: ['vip'] });
      await s.t
        .data('consent')
        .create({ customerId: c.id, channel: 'sms', purpose: 'marketing', state: 'in', source: 'form' });
      ids.push(c.id);
    }
    return ids;
  }

  it('builds, previews, launches and measures a campaign over HTTP; clicks, replies and opt-outs are tracked', async () => {
    const ids = await boot();
    const created = await s.json('POST', '/api/campaigns', 'marketer', {
      name: 'VIP return',
      type: 'win-back',
      audience: { where: { tags: { contains: 'vip' } } },
      channels: [{ channel: 'sms', templateKey: 'offer' }],
      linkUrl: 'https://shop.example.com/vip',
      cost: { amount: 1_000, currency: 'EUR' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const preview = await s.json('POST', '/api/campaigns/preview', 'marketer', {
      audience: { where: { tags: { contains: 'vip' } } },
      channel: 'sms',
    });
    expect(preview.body).toMatchObject({ audience: 4, withConsent: 4, channel: 'sms' });
    expect((await s.json('POST', `/api/campaigns/${id}/launch`, 'viewer')).status).toBe(403);
    const launched = await s.json('POST', `/api/campaigns/${id}/launch`, 'marketer');
    expect(launched).toMatchObject({ status: 200, body: { status: 'running' } });
    expect((await s.json('POST', `/api/campaigns/${id}/launch`, 'marketer')).status).toBe(409);
    await s.t.advance('10s'); // the dispatch job freezes and sends
    const messages = (
      await s.t.kernel
        .data<{ text: string; customerId: string }>('message', { actor: SYSTEM_ACTOR })
        .find({ limit: 10 })
    ).items;
    expect(messages).toHaveLength(4);
    // a click on the tracked link: recorded, redirected
    const link = /https:\/\/crm\.example\.com(\/p\/campaigns\/click\/\S+)/.exec(messages[0]?.text ?? '')?.[1];
    expect(link).toBeDefined();
    const click = await s.app.request(link as string);
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe('https://shop.example.com/vip');
    await s.app.request(link as string);
    expect((await s.app.request('/p/campaigns/click/nope.nope.nope')).status).toBe(404);
    // a reply on the campaign's thread, and a STOP
    const account = (await s.t.data('channelAccount').find({ limit: 1 })).items[0];
    const replier = messages.find((m) => m.customerId !== messages[0]?.customerId) as { customerId: string };
    const phone = (await s.t.data<Customer>('customer').get(replier.customerId)).phone as string;
    await s.t.kernel
      .resolve(MESSAGING)
      .receive(account as never, { from: phone, text: 'Sounds good!', providerMessageId: 'r1' } as never);
    const stopper = ids.find((i) => i !== replier.customerId && i !== messages[0]?.customerId) as string;
    const stopPhone = (await s.t.data<Customer>('customer').get(stopper)).phone as string;
    await s.t.kernel
      .resolve(MESSAGING)
      .receive(account as never, { from: stopPhone, text: 'STOP', providerMessageId: 'r2' } as never);
    await s.t.settle();
    const members = (
      await s.t.kernel
        .data<CampaignMember>('campaignMember', { actor: SYSTEM_ACTOR })
        .find({ where: { campaignId: id }, limit: 10 })
    ).items;
    const byCustomer = new Map(members.map((m) => [m.customerId, m]));
    expect(byCustomer.get(messages[0]?.customerId as string)).toMatchObject({ status: 'clicked', clicks: 2 });
    expect(byCustomer.get(replier.customerId)?.status).toBe('responded');
    expect(byCustomer.get(stopper)?.status).toBe('optedOut');
    // results, comparison, metrics
    await s.t
      .data('order')
      .create({ customerId: replier.customerId, total: { amount: 5_000, currency: 'EUR' } });
    const results = await s.json('GET', `/api/campaigns/${id}/results`, 'viewer');
    expect(results.body).toMatchObject({
      audience: 4,
      reach: 4,
      responded: 2,
      optedOut: 1,
      converted: 1,
      credited: { conversions: 1 },
    });
    expect(results.body.rates).toMatchObject({ response: 0.5, optOut: 0.25 });
    expect(results.body.attributedRoi).toBeCloseTo(4, 10);
    const compared = await s.json<{ items: Json[] }>(
      'GET',
      '/api/campaigns/results/compare?type=win-back',
      'viewer',
    );
    expect(compared.body.items.map((r) => r.name)).toEqual(['VIP return']);
    expect((await s.json('GET', '/api/campaigns/results/compare?type=nope', 'viewer')).status).toBe(400);
    const period = 'from=2026-06-01T00:00:00Z&to=2026-07-01T00:00:00Z';
    const metric = async (name: string) =>
      (await s.json('GET', `/api/metrics/campaigns.${name}?${period}`, 'admin')).body.value;
    expect(await metric('responseRate')).toBe(0.5);
    expect(await metric('optOutRate')).toBe(0.25);
    expect(await metric('conversionRate')).toBe(0.25);
    expect(await metric('winBackRate')).toBe(0.25);
    expect(await metric('lift')).toBeNull(); // no control group
  });

  it('follows topics and announces over HTTP, naming bad input', async () => {
    const ids = await boot();
    await s.json('POST', '/api/campaign-topics', 'marketer', { key: 'garden', name: 'Garden' });
    const followed = await s.json('POST', `/api/campaigns/customers/${ids[0]}/interests`, 'marketer', {
      topic: 'garden',
    });
    expect(followed).toMatchObject({
      status: 200,
      body: { topic: 'garden', source: 'declared', via: 'api' },
    });
    const unknown = await s.json<{ errors: Json[] }>(
      'POST',
      `/api/campaigns/customers/${ids[0]}/interests`,
      'marketer',
      { topic: 'x' },
    );
    expect(unknown.status).toBe(400);
    const announced = await s.json('POST', '/api/campaigns/announce', 'marketer', {
      name: 'Trimmer',
      topics: ['garden'],
      channels: [{ channel: 'sms', templateKey: 'offer' }],
    });
    expect(announced).toMatchObject({ status: 201, body: { type: 'announcement', status: 'draft' } });
    expect(
      (await s.json('POST', '/api/campaigns/preview', 'marketer', { audience: {}, channel: 'fax' })).status,
    ).toBe(400);
    const badAudience = await s.json('POST', '/api/campaigns', 'marketer', {
      name: 'x',
      type: 'retention',
      audience: {},
      channels: [{ channel: 'sms', templateKey: 'offer' }],
    });
    expect(badAudience.status).toBe(400);
    expect(
      (
        await s.json('POST', '/api/campaign-members', 'admin', {
          campaignId: 'x',
          customerId: 'y',
          control: false,
          status: 'targeted',
        })
      ).status,
    ).toBe(403);
    expect(s.t.kernel.resolve(CAMPAIGNS)).toBeDefined();
  });

  it('documents its routes in a valid OpenAPI document', async () => {
    await boot();
    const doc = await s.json('GET', '/openapi.json', 'admin');
    expect(await openApiLintErrors(doc.body)).toEqual([]);
    expect(unboundedOpenApiPaths(doc.body as never).filter((path) => /campaign/i.test(path))).toEqual([]);
    expect(Object.keys((doc.body as { paths: object }).paths)).toContain('/api/campaigns/{id}/results');
  });
});
