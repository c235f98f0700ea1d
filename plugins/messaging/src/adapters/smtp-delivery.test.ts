import { SYSTEM_ACTOR } from '@rapport/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelAccount } from '../entities/channel-account.js';
import type { Consent } from '../entities/consent.js';
import type { Message } from '../entities/message.js';
import { MESSAGING } from '../service.js';
import { bootMessaging, customer } from '../test-support/boot.js';
import { type SmtpSink, startSmtpSink } from '../testing/smtp-sink.js';

let sink: SmtpSink | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
});

describe('e-mail through SMTP, end to end', () => {
  it('delivers marketing with its Message-ID and RFC 8058 one-click unsubscribe headers', async () => {
    sink = await startSmtpSink();
    const t = await bootMessaging();
    try {
      await t.data<ChannelAccount>('channelAccount').create({
        name: 'Newsletter',
        channel: 'email',
        adapter: 'smtp',
        from: 'news@shop.example',
        fromName: 'Shop News',
        isDefault: true,
        settings: { host: '127.0.0.1', port: sink.port },
      });
      const ada = await customer(t, { name: 'Ada', objective: { language: 'zh-CN' } });
      await t
        .data<Consent>('consent')
        .create({ customerId: ada.id, channel: 'email', purpose: 'marketing', state: 'in', source: 'form' });
      const { message } = await t.kernel.resolve(MESSAGING).send(
        {
          customerId: ada.id,
          channel: 'email',
          purpose: 'marketing',
          subject: '新品上市',
          text: 'Hello',
          html: '<p>Hello</p>',
        },
        { actor: t.admin },
      );
      await t.settle();
      const stored = await t.kernel.data<Message>('message', { actor: SYSTEM_ACTOR }).get(message.id);
      expect(stored).toMatchObject({ status: 'sent', providerMessageId: message.messageIdHeader });
      expect(sink.mails).toHaveLength(1);
      const mail = sink.mails[0];
      expect(mail).toMatchObject({
        messageId: message.messageIdHeader,
        subject: '新品上市',
        to: [ada.email],
      });
      expect(mail?.headers['list-unsubscribe']).toMatch(
        /^<https:\/\/crm\.example\.com\/p\/messaging\/unsubscribe\/[\w.-]+>$/,
      );
      expect(mail?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      expect(mail?.text).toContain('退订: https://crm.example.com/p/messaging/unsubscribe/');
      expect(mail?.html).toContain('href="https://crm.example.com/p/messaging/unsubscribe/');
    } finally {
      await t.stop();
    }
  });
});
