import { ConflictError, SYSTEM_ACTOR } from '@rapport/core';
import { customers } from '@rapport/plugin-customers';
import { messaging } from '@rapport/plugin-messaging';
import { createTestServer, type TestServer } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Broadcast } from '../entities/broadcast.js';
import type { Programme } from '../entities/programme.js';
import { loyalty } from '../loyalty-plugin.js';
import { LOYALTY } from '../service.js';
import { bootLoyalty } from '../test-support/boot.js';

type Message = { customerId?: string; purpose: string; status: string; text?: string; to?: string };

describe('broadcasts and expiry notices, through messaging', () => {
  let s: TestServer<'admin' | 'agent'>;
  afterEach(() => s.stop());

  async function boot() {
    s = await createTestServer({
      plugins: [
        customers({ currency: 'EUR', defaultRegion: 'DE' }),
        messaging({ publicUrl: 'https://crm.example.com', quietHours: false }),
        loyalty({ defaultRegion: 'DE' }),
      ],
      now: '2026-06-01T10:00:00.000Z',
      keys: { admin: ['admin'], agent: ['loyaltyAgent'] },
    });
    await s.json('POST', '/api/channel-accounts', 'admin', {
      name: 'sms',
      channel: 'sms',
      adapter: 'log',
      from: '+4930111222',
      isDefault: true,
    });
    const programme = await s.t.data<Programme>('loyaltyProgramme').create({
      name: 'Club',
      currency: 'EUR',
      expiry: { kind: 'months', months: 1 },
      expiryNoticeDays: 7,
    });
    const service = s.t.kernel.resolve(LOYALTY);
    const join = async (mobile: string) =>
      (await service.enrol(s.t.admin, { programmeId: programme.id, mobile })).member;
    const messages = async (source?: string): Promise<Message[]> =>
      (await s.t.kernel.data<Message>('message', { actor: SYSTEM_ACTOR }).find({ limit: 100 })).items.filter(
        (m: Message) => !source || (m as { source?: { entity?: string } }).source?.entity === source,
      );
    return { programme, service, join, messages };
  }

  it('sends a broadcast to its segment as marketing: consent is messaging’s, each delivery recorded, once', async () => {
    const b = await boot();
    const ada = await b.join('0151 11111111');
    const bob = await b.join('0151 22222222');
    const cem = await b.join('0151 33333333');
    await b.service.earn(s.t.admin, ada.id, { points: 10, idempotencyKey: 'a' }); // expectation
    await b.service.earn(s.t.admin, bob.id, { points: 10, idempotencyKey: 'b' }); // expectation
    await s.t.data('consent').create({
      customerId: ada.customerId,
      channel: 'sms',
      purpose: 'marketing',
      state: 'in',
      source: 'form',
    });
    const news = await s.t.data<Broadcast>('loyaltyBroadcast').create({
      programmeId: b.programme.id,
      name: 'Double points week',
      channel: 'sms',
      text: 'Double points on everything this week.',
      audience: { stages: ['expectation'] },
    });
    expect(news.status).toBe('draft');
    const refused = await s.request('POST', `/api/loyalty/broadcasts/${news.id}/send`, 'agent');
    expect(refused.status).toBe(403);
    const sent = await s.json('POST', `/api/loyalty/broadcasts/${news.id}/send`, 'admin');
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'sent', recipients: 2, queued: 1, suppressed: 1 });
    const deliveries = await b.messages('loyaltyBroadcast');
    expect(deliveries.map((m) => [m.customerId, m.purpose, m.status === 'suppressed'])).toEqual(
      expect.arrayContaining([
        [ada.customerId, 'marketing', false],
        [bob.customerId, 'marketing', true], // no consent: messaging refused it
      ]),
    );
    expect(deliveries.some((m) => m.customerId === cem.customerId)).toBe(false); // not in the segment
    const again = await s.request('POST', `/api/loyalty/broadcasts/${news.id}/send`, 'admin');
    expect(again.status).toBe(409);
    expect(await b.messages('loyaltyBroadcast')).toHaveLength(2);
  });

  it('tells members a week ahead of expiry, once per expiry date, transactionally', async () => {
    const b = await boot();
    const ada = await b.join('0151 11111111');
    await b.service.earn(s.t.admin, ada.id, { points: 120, idempotencyKey: 'a' }); // expires 1 July
    await s.t.kernel.jobs.runDue(); // the job's first instant is after deployment
    await s.t.advance('20d'); // 21 June: 10 days ahead, not yet
    expect(await b.messages('loyaltyMember')).toHaveLength(0);
    await s.t.advance('4d'); // 25 June
    await s.t.advance('1d');
    const notices = await b.messages('loyaltyMember');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ purpose: 'transactional', to: '+4915111111111' });
    expect(notices[0]?.text).toBe('120 Club points expire on 2026-07-01. Redeem them before then.');
  });
});

describe('without messaging', () => {
  it('refuses to send a broadcast, naming why', async () => {
    const t = await bootLoyalty();
    try {
      const news = await t.data<Broadcast>('loyaltyBroadcast').create({
        programmeId: t.programme.id,
        name: 'News',
        channel: 'sms',
        text: 'Hello',
      });
      const error = await t.service.sendBroadcast(t.admin, news.id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as Error).message).toBe('broadcasts are sent through messaging, which is not installed');
    } finally {
      await t.stop();
    }
  });
});
