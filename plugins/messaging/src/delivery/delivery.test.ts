import { SYSTEM_ACTOR, signRequest } from '@rapport/core';
import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelAccount, ChannelAccountRecord } from '../entities/channel-account.js';
import type { Consent } from '../entities/consent.js';
import type { DeliveryEvent } from '../entities/delivery-event.js';
import type { Message } from '../entities/message.js';
import type { Suppression } from '../entities/suppression.js';
import type { MessagingInput } from '../options.js';
import type { SendRequest } from '../send/send-request.js';
import { MESSAGING } from '../service.js';
import { bootMessaging, bootMessagingServer, customer, logAccount } from '../test-support/boot.js';
import { type Scripted, scriptedAdapter } from '../test-support/scripted-adapter.js';
import { DELIVERY } from './dispatcher.js';

let t: TestKernel;
let scripted: Scripted;
afterEach(() => t?.stop());

async function boot(options: MessagingInput = {}, now?: string): Promise<ChannelAccountRecord> {
  scripted = scriptedAdapter();
  t = await bootMessaging({
    options: { retryBase: '30s', retryMax: '10m', ...options },
    plugins: [scripted.plugin],
    ...(now ? { now } : {}),
  });
  return (await t.data<ChannelAccount>('channelAccount').create({
    name: 'mail',
    channel: 'email',
    adapter: 'scripted',
    from: 'shop@example.com',
    isDefault: true,
  })) as ChannelAccountRecord;
}
const send = async (request: Partial<SendRequest> & { customerId?: string }) => {
  const { message } = await t.kernel
    .resolve(MESSAGING)
    .send({ channel: 'email', purpose: 'transactional', text: 'Hello', ...request } as SendRequest, {
      actor: t.admin,
    });
  await t.settle();
  return message;
};
const messages = () => t.kernel.data<Message>('message', { actor: SYSTEM_ACTOR });
const events = async (messageId: string) =>
  (
    await t.kernel
      .data<DeliveryEvent>('deliveryEvent', { actor: SYSTEM_ACTOR })
      .find({ where: { messageId }, sort: ['at', 'id'], limit: 100 })
  ).items;

describe('delivery', () => {
  it('delivers through the log adapter after commit, exactly once, with its record', async () => {
    t = await bootMessaging();
    await logAccount(t);
    const ada = await customer(t);
    const message = await send({ customerId: ada.id });
    const stored = await messages().get(message.id);
    expect(stored).toMatchObject({
      status: 'sent',
      attempts: 1,
      providerMessageId: `log:${message.id}`,
      sentAt: '2026-06-01T10:00:00.000Z',
    });
    expect(stored).not.toHaveProperty('leaseUntil');
    expect(await events(message.id)).toEqual([
      expect.objectContaining({ kind: 'attempt', attempt: 1, outcome: 'sent', answer: 'logged' }),
    ]);
    await t.kernel.resolve(DELIVERY).deliverDue();
    expect((await events(message.id)).length).toBe(1);
  });

  it('retries with doubling backoff and records every attempt with the provider answer', async () => {
    await boot();
    scripted.script.push('retry', 'throw');
    const message = await send({ to: 'ada@example.com' });
    expect(await messages().get(message.id)).toMatchObject({
      status: 'queued',
      attempts: 1,
      nextAttemptAt: '2026-06-01T10:00:30.000Z',
      lastError: '451 scripted retry',
    });
    await t.advance('29s');
    expect((await messages().get(message.id)).attempts).toBe(1);
    await t.advance('1s');
    expect(await messages().get(message.id)).toMatchObject({
      status: 'queued',
      attempts: 2,
      nextAttemptAt: '2026-06-01T10:01:30.000Z',
      lastError: 'socket hang up',
    });
    await t.advance('1m');
    expect(await messages().get(message.id)).toMatchObject({
      status: 'sent',
      attempts: 3,
      providerMessageId: `p-${message.id}-3`,
    });
    expect((await events(message.id)).map((e) => [e.attempt, e.outcome, e.answer])).toEqual([
      [1, 'retry', 'scripted retry'],
      [2, 'retry', 'socket hang up'],
      [3, 'sent', '250 ok'],
    ]);
    // Every attempt carried the same Message-ID.
    expect(new Set(scripted.sent.map((e) => e.messageIdHeader)).size).toBe(1);
  });

  it('marks a message failed after the last attempt, with the reason', async () => {
    await boot({ maxAttempts: 2 });
    scripted.script.push('retry', 'retry', 'retry');
    const message = await send({ to: 'ada@example.com' });
    await t.advance('30s');
    expect(await messages().get(message.id)).toMatchObject({
      status: 'failed',
      attempts: 2,
      reason: { code: 'delivery.attempts' },
      failedAt: '2026-06-01T10:00:30.000Z',
    });
    await t.advance('1h');
    expect(scripted.sent).toHaveLength(2);
  });

  it('times out an adapter that never answers, and retries', async () => {
    await boot({ sendTimeout: '50ms', sendingLease: '1m' });
    scripted.script.push('hang');
    const message = await send({ to: 'ada@example.com' });
    expect(await messages().get(message.id)).toMatchObject({
      status: 'queued',
      lastError: 'TIMEOUT the send timed out',
    });
  });

  it('a hard bounce suppresses the address; the next send to it is refused', async () => {
    await boot();
    scripted.script.push('bounce');
    const message = await send({ to: 'gone@example.com' });
    expect(await messages().get(message.id)).toMatchObject({
      status: 'bounced',
      reason: { code: 'provider.bounce' },
    });
    expect((await t.data<Suppression>('suppression').find()).items).toEqual([
      expect.objectContaining({ address: 'gone@example.com', reason: 'hard-bounce', messageId: message.id }),
    ]);
    expect((await send({ to: 'gone@example.com' })).status).toBe('suppressed');
  });

  it("a carrier's opt-out error opts the customer out of marketing", async () => {
    await boot();
    const ada = await customer(t);
    scripted.script.push('optedOut');
    const message = await send({ customerId: ada.id });
    expect(await messages().get(message.id)).toMatchObject({
      status: 'failed',
      reason: { code: 'provider.optedOut' },
    });
    const consents = await t.data<Consent>('consent').find({ where: { customerId: ada.id } });
    expect(consents.items).toEqual([
      expect.objectContaining({ state: 'out', source: 'provider', channel: 'email' }),
    ]);
  });

  it('delivers a deferred message when its time comes, checking the rules again then', async () => {
    await boot({ quietHours: { start: '21:00', end: '08:00' } }, '2026-06-01T22:00:00Z');
    const ada = await customer(t);
    const bob = await customer(t);
    for (const who of [ada, bob])
      await t
        .data<Consent>('consent')
        .create({ customerId: who.id, channel: 'email', purpose: 'marketing', state: 'in', source: 'form' });
    const first = await send({ customerId: ada.id, purpose: 'marketing', subject: 'News' });
    const second = await send({ customerId: bob.id, purpose: 'marketing', subject: 'News' });
    expect(first).toMatchObject({ status: 'queued', deferredUntil: '2026-06-02T08:00:00.000Z' });
    await t
      .data<Suppression>('suppression')
      .create({ channel: 'email', address: bob.email as string, reason: 'manual' });
    await t.advance('10h');
    const delivered = await messages().get(first.id);
    expect(delivered).toMatchObject({ status: 'sent', attempts: 1 });
    expect(delivered).not.toHaveProperty('deferredUntil');
    expect(await messages().get(second.id)).toMatchObject({
      status: 'suppressed',
      reason: { code: 'suppressed.manual' },
    });
    // Marketing e-mail carries RFC 8058 one-click unsubscribe.
    const envelope = scripted.sent.find((e) => e.messageId === first.id);
    expect(envelope?.headers['List-Unsubscribe']).toMatch(
      /^<https:\/\/crm\.example\.com\/p\/messaging\/unsubscribe\/[\w.-]+>$/,
    );
    expect(envelope?.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(envelope?.text).toContain('Unsubscribe: https://crm.example.com/p/messaging/unsubscribe/');
  });

  it('sends again a message whose attempt was cut short once its lease has run out', async () => {
    await boot({ sendingLease: '2m' });
    const message = await send({ to: 'ada@example.com', notBefore: '2026-06-01T11:00:00Z' });
    // A process claimed it and died before recording the provider answer.
    await messages().update(message.id, {
      status: 'sending',
      attempts: 1,
      leaseUntil: '2026-06-01T10:02:00.000Z',
    });
    await t.advance('1m');
    expect((await messages().get(message.id)).status).toBe('sending');
    await t.advance('1m');
    expect(await messages().get(message.id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect((await events(message.id)).map((e) => [e.attempt, e.outcome])).toEqual([
      [1, 'unknown'],
      [2, 'sent'],
    ]);
  });

  it('never moves a status backwards, whoever writes', async () => {
    t = await bootMessaging();
    await logAccount(t);
    const message = await send({ to: 'ada@example.com' });
    await expect(messages().update(message.id, { status: 'queued' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await messages().update(message.id, { status: 'delivered' });
    await expect(messages().update(message.id, { status: 'sent' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});

describe('provider status callbacks', () => {
  it('move a message forward only, log every report, and turn bounces and complaints into suppressions', async () => {
    scripted = scriptedAdapter();
    const s = await bootMessagingServer({ plugins: [scripted.plugin] });
    t = s.t;
    const created = await s.json('POST', '/api/channel-accounts', 'admin', {
      name: 'sms',
      channel: 'sms',
      adapter: 'scripted',
      from: '+4930111',
      isDefault: true,
      settings: {},
      secrets: { callback: 'gateway-callback-secret-1' },
    });
    expect(created.status).toBe(201);
    const accountId = created.body.id as string;
    const ada = await customer(t);
    const message = await send({ customerId: ada.id, channel: 'sms' });
    const providerMessageId = `p-${message.id}-1`;
    const post = (body: unknown, secret = 'gateway-callback-secret-1') => {
      const text = JSON.stringify(body);
      return s.app.request(`/p/messaging/callbacks/${accountId}/status`, {
        method: 'POST',
        body: text,
        headers: {
          'content-type': 'application/json',
          ...signRequest({ secret, body: text, timestamp: Math.floor(t.clock.now() / 1000) }).headers,
        },
      });
    };
    expect((await post({ providerMessageId, status: 'delivered' }, 'wrong-secret')).status).toBe(401);
    const delivered = await post({ providerMessageId, status: 'delivered', at: '2026-06-01T10:00:05.000Z' });
    expect(await delivered.json()).toEqual({
      found: true,
      messageId: message.id,
      from: 'sent',
      to: 'delivered',
    });
    // A late "sent" changes nothing.
    expect(await (await post({ providerMessageId, status: 'sent' })).json()).toMatchObject({
      from: 'delivered',
      to: 'delivered',
    });
    expect(await messages().get(message.id)).toMatchObject({
      status: 'delivered',
      deliveredAt: '2026-06-01T10:00:05.000Z',
    });
    // A complaint keeps the status, suppresses the number and opts the customer out.
    await post({ messageId: message.id, status: 'complaint' });
    expect((await t.data<Suppression>('suppression').find()).items).toEqual([
      expect.objectContaining({ reason: 'complaint', address: message.to }),
    ]);
    expect((await t.data<Consent>('consent').find()).items).toEqual([
      expect.objectContaining({ state: 'out', source: 'complaint' }),
    ]);
    expect((await events(message.id)).map((e) => [e.kind, e.outcome])).toEqual([
      ['attempt', 'sent'],
      ['callback', 'delivered'],
      ['callback', 'sent.ignored'],
      ['callback', 'complaint'],
    ]);
    expect(await (await post({ providerMessageId: 'nobody', status: 'delivered' })).json()).toEqual({
      found: false,
    });
    expect((await post({ status: 'delivered' })).status).toBe(400);
  });
});
