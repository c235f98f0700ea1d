import { SYSTEM_ACTOR } from '@rapport/core';
import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../entities/message.js';
import type { MessageTemplate } from '../entities/message-template.js';
import { MESSAGING } from '../service.js';
import { bootMessaging, bootMessagingServer, customer, logAccount } from '../test-support/boot.js';
import { checkTemplate } from './check-template.js';
import { mergeView } from './merge-fields.js';
import { renderTemplate } from './render-template.js';

let t: TestKernel;
afterEach(() => t?.stop());
const templates = () => t.data<MessageTemplate>('messageTemplate');

describe('templates', () => {
  it('escapes every merge field in HTML, and leaves plain text plain', () => {
    const view = mergeView(undefined, { product: '<script>alert(1)</script> & "Tom"' });
    const out = renderTemplate(
      { subject: 'New: {{data.product}}', text: 'New: {{data.product}}', html: '<p>{{data.product}}</p>' },
      view,
    );
    expect(out.html).toBe('<p>&lt;script&gt;alert(1)&lt;&#x2F;script&gt; &amp; &quot;Tom&quot;</p>');
    expect(out.text).toBe('New: <script>alert(1)</script> & "Tom"');
    expect(out.subject).toBe('New: <script>alert(1)</script> & "Tom"');
  });

  it('cannot reach outside its data: no prototypes, no functions, no globals', () => {
    const view = mergeView(undefined, { list: [1, 2] });
    const probe =
      '{{constructor}}|{{data.constructor.name}}|{{__proto__}}|{{data.list.constructor}}|{{process.env.HOME}}|{{toString}}';
    expect(renderTemplate({ text: probe }, view).text).toBe('|||||');
    // A caller cannot smuggle a function in: data is copied as JSON.
    const sneaky = mergeView(undefined, { f: (() => 'ran') as never });
    expect(renderTemplate({ text: '{{data.f}}' }, sneaky).text).toBe('');
    // And such names are refused when a template is saved anyway.
    expect(() => checkTemplate({ text: '{{constructor.constructor}}' })).toThrow(/no merge field/);
  });

  it('refuses unknown merge fields, unescaped output, partials and bad syntax when saved, naming the part', async () => {
    t = await bootMessaging();
    const base = { key: 'welcome', channel: 'email' as const, locale: 'en' };
    await expect(templates().create({ ...base, text: 'Hi {{customer.nickname}}' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ path: 'text', rule: 'messaging.template.unknownField' })],
    });
    await expect(templates().create({ ...base, text: 'Order {{data.orderNumber}}' })).rejects.toMatchObject({
      errors: [
        expect.objectContaining({
          rule: 'messaging.template.unknownField',
          message: expect.stringContaining('data.orderNumber'),
        }),
      ],
    });
    await expect(
      templates().create({ ...base, text: 'x', html: '<p>{{{data.body}}}</p>', fields: ['body'] }),
    ).rejects.toMatchObject({
      errors: [expect.objectContaining({ path: 'html', rule: 'messaging.template.unescaped' })],
    });
    await expect(templates().create({ ...base, text: '{{> footer}}' })).rejects.toMatchObject({
      errors: [expect.objectContaining({ rule: 'messaging.template.partial' })],
    });
    await expect(
      templates().create({ ...base, text: 'Hi {{#data.items}}', fields: ['items'] }),
    ).rejects.toMatchObject({ errors: [expect.objectContaining({ rule: 'messaging.template.syntax' })] });
    await expect(
      templates().create({ ...base, channel: 'sms', text: 'x', subject: 'y' }),
    ).rejects.toMatchObject({ errors: [expect.objectContaining({ path: 'subject' })] });
    const ok = await templates().create({
      ...base,
      subject: 'Your order {{data.orderNumber}}',
      text: 'Hi {{customer.name}},{{#data.items}} {{name}} x{{quantity}}{{/data.items}}{{^data.items}} nothing{{/data.items}}',
      fields: ['orderNumber', 'items', 'items.name', 'items.quantity'],
    });
    expect(ok.key).toBe('welcome');
    await expect(templates().create({ ...base, text: 'dup' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('sends in the customer’s language (zh-CN finds zh-Hans), English otherwise, with customer and caller data', async () => {
    t = await bootMessaging();
    await logAccount(t);
    for (const [locale, text] of [
      ['en', 'Hi {{customer.name}}, order {{data.orderNumber}} has shipped.'],
      ['zh-Hans', '{{customer.name}}，您的订单 {{data.orderNumber}} 已发货。'],
    ] as const) {
      await templates().create({
        key: 'order-shipped',
        channel: 'email',
        locale,
        subject: '{{data.orderNumber}}',
        text,
        fields: ['orderNumber'],
      });
    }
    const li = await customer(t, { name: '李雷', objective: { language: 'zh-CN' } });
    const ada = await customer(t, { name: 'Ada', objective: { language: 'de' } });
    const send = (customerId: string, data: Record<string, string> = { orderNumber: 'A-17' }) =>
      t.kernel.resolve(MESSAGING).send(
        {
          customerId,
          channel: 'email',
          purpose: 'transactional',
          template: { key: 'order-shipped' },
          data,
        },
        { actor: t.admin },
      );
    expect((await send(li.id)).message).toMatchObject({
      locale: 'zh-Hans',
      text: '李雷，您的订单 A-17 已发货。',
      templateKey: 'order-shipped',
    });
    expect((await send(ada.id)).message).toMatchObject({
      locale: 'en',
      text: 'Hi Ada, order A-17 has shipped.',
      subject: 'A-17',
    });
    await expect(send(ada.id, {})).rejects.toMatchObject({
      errors: [expect.objectContaining({ path: 'data.orderNumber', rule: 'required' })],
    });
    await expect(
      t.kernel
        .resolve(MESSAGING)
        .send(
          { customerId: ada.id, channel: 'email', purpose: 'transactional', template: { key: 'nope' } },
          { actor: t.admin },
        ),
    ).rejects.toMatchObject({
      errors: [expect.objectContaining({ path: 'template.key', rule: 'messaging.template.unknown' })],
    });
    expect(await t.kernel.data<Message>('message', { actor: SYSTEM_ACTOR }).count()).toBe(2);
  });

  it('previews a template with sample data or a real customer', async () => {
    const s = await bootMessagingServer();
    t = s.t;
    const created = await s.json('POST', '/api/message-templates', 'messagingAdmin', {
      key: 'points',
      channel: 'sms',
      locale: 'en',
      text: '{{customer.name}}: {{data.points}} points',
      fields: ['points'],
    });
    expect(created.status).toBe(201);
    const sample = await s.json('GET', `/api/messaging/templates/${created.body.id}/preview`, 'viewer');
    expect(sample.body).toMatchObject({
      text: 'Ada Lovelace: [points] points',
      channel: 'sms',
      locale: 'en',
    });
    const ada = await customer(t, { name: 'Ada' });
    const real = await s.json('POST', `/api/messaging/templates/${created.body.id}/preview`, 'viewer', {
      customerId: ada.id,
      data: { points: 120 },
    });
    expect(real.body.text).toBe('Ada: 120 points');
    expect(
      (await s.json('POST', `/api/messaging/templates/${created.body.id}/preview`, 'viewer', { data: [] }))
        .status,
    ).toBe(400);
  });
});
