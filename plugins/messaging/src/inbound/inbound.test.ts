import { SYSTEM_ACTOR, signRequest } from '@rapport/core';
import { CUSTOMERS } from '@rapport/plugin-customers';
import { afterEach, describe, expect, it } from 'vitest';
import type { Consent } from '../entities/consent.js';
import type { Message, MessageRecord } from '../entities/message.js';
import type { Suppression } from '../entities/suppression.js';
import { MESSAGING } from '../service.js';
import { bootMessagingServer, customer } from '../test-support/boot.js';

type Server = Awaited<ReturnType<typeof bootMessagingServer>>;
let s: Server;
afterEach(() => s?.stop());

const SECRET = 'gateway-callback-secret-1';

async function boot(channel: 'sms' | 'email') {
  s = await bootMessagingServer();
  const created = await s.json('POST', '/api/channel-accounts', 'admin', {
    name: channel,
    channel,
    adapter: 'log',
    from: channel === 'sms' ? '+4930111222' : 'support@shop.example',
    isDefault: true,
    secrets: { callback: SECRET },
  });
  return created.body.id as string;
}
const post = (accountId: string, body: string, type = 'application/json', secret = SECRET) =>
  s.app.request(`/p/messaging/callbacks/${accountId}/inbound`, {
    method: 'POST',
    body,
    headers: {
      'content-type': type,
      ...signRequest({ secret, body, timestamp: Math.floor(s.t.clock.now() / 1000) }).headers,
    },
  });
const sms = (accountId: string, from: string, text: string, id: string) =>
  post(accountId, JSON.stringify({ from, to: '+4930111222', text, providerMessageId: id }));
const messages = () => s.t.kernel.data<Message>('message', { actor: SYSTEM_ACTOR });

describe('inbound messages', () => {
  it('match the sender, join the thread of what they answer, and land on the timeline', async () => {
    const accountId = await boot('sms');
    const ada = await customer(s.t, { phone: '+4915112345678' });
    const { message: outbound } = await s.t.kernel.resolve(MESSAGING).send(
      {
        customerId: ada.id,
        channel: 'sms',
        purpose: 'transactional',
        text: 'Your repair is done',
        threadKey: 'ticket:42',
      },
      { actor: s.t.admin },
    );
    await s.t.settle();
    const res = await sms(accountId, '+49 151 12345678', 'Great, I will pick it up at 5', 'gw-1');
    expect(res.status).toBe(200);
    const received = (await res.json()) as {
      id: string;
      customerId: string;
      threadKey: string;
      optOut: boolean;
      duplicate: boolean;
    };
    expect(received).toMatchObject({
      customerId: ada.id,
      threadKey: 'ticket:42',
      optOut: false,
      duplicate: false,
    });
    expect(await messages().get(received.id)).toMatchObject({
      direction: 'inbound',
      status: 'received',
      from: '+4915112345678',
      text: 'Great, I will pick it up at 5',
    });
    const timeline = await s.t.kernel.resolve(CUSTOMERS).timeline(s.t.admin, ada.id);
    expect(timeline.items.map((item) => [item.type, item.direction ?? null])).toContainEqual([
      'interaction',
      'inbound',
    ]);
    expect(outbound.threadKey).toBe('ticket:42');
    // A redelivery of the same provider id changes nothing.
    expect(
      await (await sms(accountId, '+4915112345678', 'Great, I will pick it up at 5', 'gw-1')).json(),
    ).toMatchObject({ id: received.id, duplicate: true });
    expect(await messages().count({ direction: 'inbound' })).toBe(1);
    // A stranger is received too, matched to no one and threaded to nothing.
    expect(await (await sms(accountId, '+4915199999999', 'who is this?', 'gw-2')).json()).toEqual({
      id: expect.any(String),
      duplicate: false,
      optOut: false,
    });
  });

  it('a single opt-out word opts the sender out of marketing, confirms once; a longer message does not', async () => {
    const accountId = await boot('sms');
    const ada = await customer(s.t, { phone: '+4915112345678', objective: { language: 'en' } });
    await s.t
      .data<Consent>('consent')
      .create({ customerId: ada.id, channel: 'sms', purpose: 'marketing', state: 'in', source: 'form' });
    const { message: promo } = await s.t.kernel.resolve(MESSAGING).send(
      {
        customerId: ada.id,
        channel: 'sms',
        purpose: 'marketing',
        text: 'Sale!',
        notBefore: '2026-06-02T10:00:00Z',
      },
      { actor: s.t.admin },
    );
    expect(
      await (await sms(accountId, '+4915112345678', 'please stop sending me that', 'gw-1')).json(),
    ).toMatchObject({ optOut: false });
    expect((await s.t.data<Consent>('consent').find({ where: { state: 'out' } })).items).toEqual([]);
    expect(await (await sms(accountId, '+4915112345678', '退订', 'gw-2')).json()).toMatchObject({
      optOut: true,
    });
    await s.t.settle();
    const outs = (await s.t.data<Consent>('consent').find({ where: { state: 'out' } })).items;
    expect(outs).toEqual([
      expect.objectContaining({
        customerId: ada.id,
        channel: 'sms',
        source: 'keyword',
        note: "replied '退订'",
      }),
    ]);
    expect(await messages().get(promo.id)).toMatchObject({
      status: 'suppressed',
      reason: { code: 'consent.optedOut' },
    });
    const confirmations = await messages().find({
      where: { direction: 'outbound', purpose: 'transactional' },
    });
    expect(confirmations.items).toEqual([
      expect.objectContaining({ text: '您已退订，将不再收到我们的营销信息。', status: 'sent' }),
    ]);
    await sms(accountId, '+4915112345678', 'STOP', 'gw-3');
    expect(await messages().count({ direction: 'outbound', purpose: 'transactional' })).toBe(1);
  });

  it('an opt-out word from an unknown number suppresses it for marketing', async () => {
    const accountId = await boot('sms');
    await sms(accountId, '+4915199999999', 'STOP', 'gw-1');
    expect((await s.t.data<Suppression>('suppression').find()).items).toEqual([
      expect.objectContaining({ address: '+4915199999999', reason: 'opt-out' }),
    ]);
  });

  it('parses a raw e-mail reply with mailparser and threads it by In-Reply-To', async () => {
    const accountId = await boot('email');
    const ada = await customer(s.t, { email: 'ada@example.com' });
    const { message: sent } = await s.t.kernel.resolve(MESSAGING).send(
      {
        customerId: ada.id,
        channel: 'email',
        purpose: 'transactional',
        subject: 'Ticket #42',
        text: 'We are on it',
        threadKey: 'ticket:42',
      },
      { actor: s.t.admin },
    );
    const raw = [
      'From: Ada Lovelace <Ada@Example.com>',
      'To: support@shop.example',
      'Subject: Re: Ticket #42',
      'Message-ID: <reply-1@example.com>',
      `In-Reply-To: ${sent.messageIdHeader}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Thanks! 谢谢',
      '',
    ].join('\r\n');
    const res = await post(accountId, raw, 'message/rfc822');
    expect(res.status).toBe(200);
    const received = (await res.json()) as MessageRecord & { threadKey: string };
    expect(received).toMatchObject({ customerId: ada.id, threadKey: 'ticket:42' });
    expect(await messages().get(received.id)).toMatchObject({
      subject: 'Re: Ticket #42',
      from: 'ada@example.com',
      providerMessageId: '<reply-1@example.com>',
      inReplyTo: sent.messageIdHeader,
    });
    expect((await messages().get(received.id)).text.trim()).toBe('Thanks! 谢谢');
  });

  it('refuses unsigned or wrongly signed callbacks with the one 401, other media types with 415, bad bodies with 400', async () => {
    const accountId = await boot('sms');
    const body = JSON.stringify({ from: '+4915112345678', text: 'hi', providerMessageId: 'x' });
    expect((await post(accountId, body, 'application/json', 'not-the-secret')).status).toBe(401);
    expect((await post('no-such-account', body)).status).toBe(401);
    expect(
      (
        await s.app.request(`/p/messaging/callbacks/${accountId}/inbound`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(401);
    expect((await post(accountId, body, 'text/plain')).status).toBe(415);
    expect((await post(accountId, JSON.stringify({ from: '+49151' }))).status).toBe(400);
  });
});
