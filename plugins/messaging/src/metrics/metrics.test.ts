import { SYSTEM_ACTOR } from '@rapport/core';
import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelAccount } from '../entities/channel-account.js';
import type { Consent } from '../entities/consent.js';
import type { Message } from '../entities/message.js';
import { MESSAGING } from '../service.js';
import { bootMessaging, customer } from '../test-support/boot.js';
import { scriptedAdapter } from '../test-support/scripted-adapter.js';

let t: TestKernel;
afterEach(() => t?.stop());

const JUNE = { from: Date.parse('2026-06-01T00:00:00Z'), to: Date.parse('2026-07-01T00:00:00Z') };

describe('messaging metrics', () => {
  it('count sent messages and the delivery, bounce and opt-out rates, by channel, as the caller', async () => {
    const scripted = scriptedAdapter();
    t = await bootMessaging({ plugins: [scripted.plugin] });
    await t
      .data<ChannelAccount>('channelAccount')
      .create({ name: 'e', channel: 'email', adapter: 'scripted', from: 'a@shop.example', isDefault: true });
    await t
      .data<ChannelAccount>('channelAccount')
      .create({ name: 's', channel: 'sms', adapter: 'scripted', from: '+4930', isDefault: true });
    const people = await Promise.all([1, 2, 3, 4].map(() => customer(t)));
    for (const person of people) {
      await t.data<Consent>('consent').create({
        customerId: person.id,
        channel: 'email',
        purpose: 'marketing',
        state: 'in',
        source: 'form',
      });
    }
    scripted.script.push('ok', 'ok', 'ok', 'bounce');
    const sent: string[] = [];
    for (const person of people) {
      const { message } = await t.kernel
        .resolve(MESSAGING)
        .send(
          { customerId: person.id, channel: 'email', purpose: 'marketing', text: 'News' },
          { actor: t.admin },
        );
      await t.settle();
      sent.push(message.id);
    }
    await t.kernel
      .resolve(MESSAGING)
      .send(
        { customerId: people[0]?.id as string, channel: 'sms', purpose: 'transactional', text: 'code' },
        { actor: t.admin },
      );
    await t.settle();
    const messages = t.kernel.data<Message>('message', { actor: SYSTEM_ACTOR });
    await messages.update(sent[0] as string, { status: 'delivered' });
    await messages.update(sent[1] as string, { status: 'delivered' });
    await t.data<Consent>('consent').create({
      customerId: people[2]?.id as string,
      channel: 'email',
      purpose: 'marketing',
      state: 'out',
      source: 'unsubscribe-link',
    });
    const value = async (id: string, params: Record<string, unknown> = {}) =>
      (await t.kernel.metrics.compute(id, JUNE, { actor: t.admin, params })).value;
    expect(await value('messaging.sent')).toBe(4);
    expect(await value('messaging.sent', { channel: 'email' })).toBe(3);
    expect(await value('messaging.deliveryRate', { channel: 'email' })).toBeCloseTo(2 / 3);
    expect(await value('messaging.bounceRate', { channel: 'email' })).toBeCloseTo(1 / 4);
    expect(await value('messaging.optOutRate', { channel: 'email' })).toBeCloseTo(1 / 3);
    expect(await value('messaging.deliveryRate', { channel: 'webhook' })).toBeNull();
    await expect(
      t.kernel.metrics.compute('messaging.sent', JUNE, { actor: t.actor(['outsider']) }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(value('messaging.sent', { channel: 'fax' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
