import { SYSTEM_ACTOR } from '@rapport/core';
import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Consent } from '../entities/consent.js';
import type { Message, MessageRecord } from '../entities/message.js';
import type { Suppression } from '../entities/suppression.js';
import type { MessagingInput } from '../options.js';
import { MESSAGING } from '../service.js';
import { bootMessaging, bootMessagingServer, customer, logAccount } from '../test-support/boot.js';
import type { SendRequest } from './send-request.js';

let t: TestKernel;
afterEach(() => t?.stop());

async function boot(options: MessagingInput = {}, now?: string): Promise<TestKernel> {
  t = await bootMessaging({ options, ...(now ? { now } : {}) });
  await logAccount(t, 'email');
  await logAccount(t, 'sms');
  return t;
}
const send = (request: SendRequest) => t.kernel.resolve(MESSAGING).send(request, { actor: t.admin });
const optIn = (customerId: string, channel: 'email' | 'sms' = 'email', state: 'in' | 'out' = 'in') =>
  t.data<Consent>('consent').create({ customerId, channel, purpose: 'marketing', state, source: 'form' });
const messages = () => t.kernel.data<Message>('message', { actor: SYSTEM_ACTOR });
const newsletter = (customerId: string, extra: Partial<SendRequest> = {}): SendRequest => ({
  customerId,
  channel: 'email',
  purpose: 'marketing',
  subject: 'News',
  text: 'Hello',
  ...extra,
});

describe('MESSAGING.send', () => {
  it('queues a transactional e-mail to the customer, with a stable Message-ID and the caller recorded', async () => {
    await boot();
    const ada = await customer(t, { email: 'Ada@Example.com' });
    const { message, created } = await send({
      customerId: ada.id,
      channel: 'email',
      purpose: 'transactional',
      subject: 'Receipt',
      text: 'Thanks',
    });
    expect(created).toBe(true);
    expect(message).toMatchObject({
      direction: 'outbound',
      status: 'queued',
      to: 'ada@example.com',
      from: 'news@example.com',
      attempts: 0,
      requestedBy: 'test-admin',
      nextAttemptAt: '2026-06-01T10:00:00.000Z',
    });
    expect(message.messageIdHeader).toMatch(/^<[0-9a-f-]{36}@example\.com>$/);
  });

  it('sends to an address that is no customer (transactional), normalising phone numbers', async () => {
    await boot({ defaultRegion: 'DE' });
    const { message } = await send({
      to: '0151 23456789',
      channel: 'sms',
      purpose: 'transactional',
      text: 'Your code is 1234',
    });
    expect(message).toMatchObject({ to: '+4915123456789', status: 'queued' });
    expect(message).not.toHaveProperty('customerId');
  });

  it('refuses marketing without the opt-in, and records why', async () => {
    await boot();
    const ada = await customer(t);
    const { message } = await send(newsletter(ada.id));
    expect(message).toMatchObject({ status: 'suppressed', reason: { code: 'consent.missing' } });
    const noCustomer = await send({
      to: 'someone@example.com',
      channel: 'email',
      purpose: 'marketing',
      text: 'x',
    });
    expect(noCustomer.message).toMatchObject({
      status: 'suppressed',
      reason: { code: 'consent.noCustomer' },
    });
    await optIn(ada.id);
    expect((await send(newsletter(ada.id))).message.status).toBe('queued');
    await optIn(ada.id, 'email', 'out');
    expect((await send(newsletter(ada.id))).message).toMatchObject({
      status: 'suppressed',
      reason: { code: 'consent.optedOut' },
    });
  });

  it('suppresses marketing queued before an opt-out at once, and leaves transactional mail alone', async () => {
    await boot();
    const ada = await customer(t);
    await optIn(ada.id);
    const queued = (await send(newsletter(ada.id, { notBefore: '2026-06-02T10:00:00Z' }))).message;
    const receipt = (
      await send({ customerId: ada.id, channel: 'email', purpose: 'transactional', text: 'Receipt' })
    ).message;
    expect(queued.status).toBe('queued');
    await optIn(ada.id, 'email', 'out');
    expect(await messages().get(queued.id)).toMatchObject({
      status: 'suppressed',
      reason: { code: 'consent.optedOut' },
    });
    expect((await messages().get(receipt.id)).status).not.toBe('suppressed');
  });

  it('never sends to a hard-suppressed address, transactional included; an opt-out suppression stops marketing only', async () => {
    await boot();
    const ada = await customer(t, { email: 'bounced@example.com' });
    await t
      .data<Suppression>('suppression')
      .create({ channel: 'email', address: 'bounced@example.com', reason: 'hard-bounce' });
    const { message } = await send({
      customerId: ada.id,
      channel: 'email',
      purpose: 'transactional',
      text: 'Receipt',
    });
    expect(message).toMatchObject({ status: 'suppressed', reason: { code: 'suppressed.hard-bounce' } });
    await t
      .data<Suppression>('suppression')
      .create({ channel: 'sms', address: '+4915199999999', reason: 'opt-out' });
    expect(
      (await send({ to: '+4915199999999', channel: 'sms', purpose: 'transactional', text: 'code' })).message
        .status,
    ).toBe('queued');
    const bob = await customer(t, { phone: '+4915199999999' });
    await optIn(bob.id, 'sms');
    expect(
      (await send({ customerId: bob.id, channel: 'sms', purpose: 'marketing', text: 'Sale' })).message,
    ).toMatchObject({
      status: 'suppressed',
      reason: { code: 'suppressed.opt-out' },
    });
  });

  it('is idempotent: the same key queues nothing new; the same key with another request is a conflict', async () => {
    await boot();
    const ada = await customer(t);
    const request: SendRequest = {
      customerId: ada.id,
      channel: 'email',
      purpose: 'transactional',
      text: 'Receipt',
      idempotencyKey: 'order-17',
    };
    const first = await send(request);
    const again = await send(request);
    expect(again).toEqual({ message: first.message, created: false });
    expect(await messages().count()).toBe(1);
    await expect(send({ ...request, text: 'Another' })).rejects.toMatchObject({ code: 'CONFLICT' });
    // Another plugin's key of the same text is its own.
    const other = await send({ ...request, source: { plugin: 'tickets' } });
    expect(other.created).toBe(true);
  });

  it('joins the caller transaction: a rollback leaves no message', async () => {
    await boot();
    const ada = await customer(t);
    await expect(
      t.kernel.transaction(async () => {
        await send({ customerId: ada.id, channel: 'email', purpose: 'transactional', text: 'x' });
        throw new Error('the caller changed its mind');
      }),
    ).rejects.toThrow('changed its mind');
    expect(await messages().count()).toBe(0);
  });

  it('defers marketing past a full frequency cap to when the rolling window allows, or drops it when asked', async () => {
    await boot({ frequencyCaps: [{ max: 2, window: 'day' }] });
    const ada = await customer(t);
    await optIn(ada.id);
    for (const hour of ['2026-06-01T02:00:00.000Z', '2026-06-01T06:00:00.000Z']) {
      const { message } = await send(newsletter(ada.id));
      await messages().update(message.id, { status: 'sending' });
      await messages().update(message.id, { status: 'sent', sentAt: hour });
    }
    const held = (await send(newsletter(ada.id))).message;
    expect(held).toMatchObject({
      status: 'queued',
      deferredUntil: '2026-06-02T02:00:00.000Z',
      nextAttemptAt: '2026-06-02T02:00:00.000Z',
      reason: { code: 'frequencyCap' },
    });
    const dropped = (await send(newsletter(ada.id, { onlyNow: true }))).message;
    expect(dropped).toMatchObject({ status: 'suppressed', reason: { code: 'frequencyCap' } });
    // Transactional messages are not capped.
    expect(
      (await send({ customerId: ada.id, channel: 'email', purpose: 'transactional', text: 'x' })).message
        .status,
    ).toBe('queued');
  });

  it('defers marketing in quiet hours to their end in the customer’s time zone, across a DST change', async () => {
    await boot({ quietHours: { start: '21:00', end: '08:00' } }, '2026-03-28T21:30:00Z');
    const berlin = await customer(t, { timeZone: 'Europe/Berlin' } as never);
    const tokyo = await customer(t, { timeZone: 'Asia/Tokyo' } as never);
    await optIn(berlin.id);
    await optIn(tokyo.id);
    const held = (await send(newsletter(berlin.id))).message as MessageRecord;
    expect(held).toMatchObject({
      status: 'queued',
      deferredUntil: '2026-03-29T06:00:00.000Z',
      reason: { code: 'quietHours' },
    });
    // 06:30 in Tokyo: quiet until 08:00 JST = 23:00Z.
    expect((await send(newsletter(tokyo.id))).message.deferredUntil).toBe('2026-03-28T23:00:00.000Z');
    expect(
      (await send({ customerId: berlin.id, channel: 'email', purpose: 'transactional', text: 'x' })).message
        .deferredUntil,
    ).toBeUndefined();
  });

  it('refuses bad input with a 400 naming the field', async () => {
    await boot();
    const ada = await customer(t);
    await expect(send({ channel: 'email', purpose: 'transactional', text: 'x' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ path: 'to' })],
    });
    await expect(
      send({ to: 'nobody', channel: 'email', purpose: 'transactional', text: 'x' }),
    ).rejects.toMatchObject({
      errors: [expect.objectContaining({ path: 'to', rule: 'messaging.address.invalid' })],
    });
    await expect(
      send({ customerId: ada.id, channel: 'sms', purpose: 'transactional', text: 'x', html: '<b>x</b>' }),
    ).rejects.toMatchObject({ errors: [expect.objectContaining({ path: 'html' })] });
    await expect(
      send({ customerId: ada.id, channel: 'email', purpose: 'transactional', text: 'x', accountId: 'nope' }),
    ).rejects.toMatchObject({ errors: [expect.objectContaining({ path: 'accountId' })] });
    await expect(
      send({ customerId: ada.id, channel: 'webhook', purpose: 'transactional', text: 'x' }),
    ).rejects.toMatchObject({
      errors: [expect.objectContaining({ path: 'accountId', rule: 'messaging.account.missing' })],
    });
    await expect(
      send({ customerId: 'nobody', channel: 'email', purpose: 'transactional', text: 'x' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      send({ customerId: ada.id, channel: 'fax', purpose: 'transactional', text: 'x' } as never),
    ).rejects.toMatchObject({ errors: [expect.objectContaining({ path: 'channel' })] });
  });
});

describe('POST /api/messaging/messages', () => {
  it('queues with an Idempotency-Key, answers a repeat with the first message, and refuses callers without message:send', async () => {
    const s = await bootMessagingServer();
    t = s.t;
    await logAccount(t, 'email');
    const ada = await customer(t);
    const body = {
      customerId: ada.id,
      channel: 'email',
      purpose: 'transactional',
      subject: 'Hi',
      text: 'Hello',
    };
    const headers = { 'idempotency-key': 'welcome-1' };
    const first = await s.request('POST', '/api/messaging/messages', 'agent', body, { headers });
    expect(first.status).toBe(201);
    const firstBody = (await first.json()) as MessageRecord;
    const again = await s.request('POST', '/api/messaging/messages', 'agent', body, { headers });
    // The server replays the first answer (its status too); the service would also find the message by its key.
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as MessageRecord).id).toBe(firstBody.id);
    const conflict = await s.request(
      'POST',
      '/api/messaging/messages',
      'agent',
      { ...body, text: 'changed' },
      { headers },
    );
    expect(conflict.status).toBe(422);
    expect((await s.request('POST', '/api/messaging/messages', 'viewer', body)).status).toBe(403);
    const bad = await s.json('POST', '/api/messaging/messages', 'agent', { ...body, channel: 'pigeon' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('channel');
    const consents = await s.json('GET', `/api/messaging/customers/${ada.id}/consents`, 'viewer');
    expect(consents.status).toBe(200);
    expect(consents.body.items).toContainEqual({ channel: 'email', purpose: 'marketing', state: 'none' });
  });
});
