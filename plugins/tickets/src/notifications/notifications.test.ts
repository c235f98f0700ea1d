import { SYSTEM_ACTOR, users } from '@rapport/core';
import { messaging } from '@rapport/plugin-messaging';
import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../entities/ticket.js';
import type { TicketReply } from '../entities/ticket-reply.js';
import { bootTickets, customer, seedSla } from '../test-support/boot.js';

let t: TestKernel | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

interface Sent {
  templateKey?: string;
  locale?: string;
  purpose: string;
  channel: string;
  to: string;
  subject?: string;
  text: string;
}

const sent = async (kernel: TestKernel) =>
  (
    await kernel.kernel
      .data<Sent>('message', { actor: SYSTEM_ACTOR })
      .find({ where: { direction: 'outbound' }, sort: ['createdAt', 'id'], limit: 50 })
  ).items;

async function bootWithMessaging(publicUrl?: string, plugins: unknown[] = []) {
  t = await bootTickets({
    plugins: [messaging({ quietHours: false }), ...plugins],
    options: publicUrl ? { publicUrl } : {},
  });
  await seedSla(t);
  await t.data('channelAccount').create({
    name: 'desk',
    channel: 'email',
    adapter: 'log',
    from: 'service@desk.example',
    isDefault: true,
  });
  return t;
}

describe('customer notifications through messaging', () => {
  it('tells the customer of a new ticket, a public reply and the resolution, in their language, once each', async () => {
    const t = await bootWithMessaging('https://crm.example.com');
    const templates = await t
      .data('messageTemplate')
      .count({ key: { in: ['ticket-created', 'ticket-reply', 'ticket-resolved'] } });
    expect(templates).toBe(12); // 3 occasions × e-mail and SMS × en and zh-Hans (and the escalation notice)
    const li = await customer(t, {
      kind: 'person',
      name: 'Li Wei',
      email: 'li.wei@example.cn',
      objective: { language: 'zh-CN' },
    } as never);
    const ticket = await t.data<Ticket>('ticket').create({
      customerId: li.id,
      type: 'repair',
      subject: '4号压力机漏油',
      team: 'repairs',
    });
    await t.settle();
    const replies = t.data<TicketReply>('ticketReply');
    await replies.create({
      ticketId: ticket.id,
      author: 'agent',
      body: '技术员周四上门。',
      channel: 'email',
    });
    await replies.create({ ticketId: ticket.id, author: 'agent', public: false, body: 'INTERNAL note' });
    await t.settle();
    await t.data<Ticket>('ticket').update(ticket.id, { status: 'resolved', resolution: '已更换密封件' });
    await t.settle();
    await t.settle(); // a redelivery changes nothing
    const messages = await sent(t);
    expect(messages.map((m) => [m.templateKey, m.locale, m.purpose, m.channel, m.to])).toEqual([
      ['ticket-created', 'zh-Hans', 'transactional', 'email', 'li.wei@example.cn'],
      ['ticket-reply', 'zh-Hans', 'transactional', 'email', 'li.wei@example.cn'],
      ['ticket-resolved', 'zh-Hans', 'transactional', 'email', 'li.wei@example.cn'],
    ]);
    expect(messages[0]?.subject).toBe(`我们已收到您的服务请求 ${ticket.reference}`);
    expect(messages[0]?.text).toContain('Li，您好');
    expect(messages[0]?.text).toMatch(/查看处理进度：https:\/\/crm\.example\.com\/p\/tickets\/progress\/\S+/);
    expect(messages[1]?.text).toContain('技术员周四上门。');
    expect(messages.some((m) => m.text.includes('INTERNAL'))).toBe(false);
    expect(messages[2]?.text).toContain('已更换密封件');
    // the resolved message carries the single-use rating link, which opens the rating page
    const rate = messages[2]?.text.match(
      /请评价我们的服务：https:\/\/crm\.example\.com(\/p\/tickets\/rate\/\S+)/,
    );
    expect(rate?.[1]).toBeDefined();
  });

  it('writes in English and leaves the link out without a public address; no address, no message', async () => {
    const t = await bootWithMessaging();
    const ada = await customer(t, { kind: 'person', name: 'Ada Byron', email: 'ada@example.com' } as never);
    await t.data<Ticket>('ticket').create({ customerId: ada.id, type: 'inquiry', subject: 'Manual' });
    const silent = await customer(t, { name: 'No Address Ltd' });
    await t.data<Ticket>('ticket').create({ customerId: silent.id, type: 'inquiry', subject: 'Quiet' });
    await t.settle();
    const messages = await sent(t);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ templateKey: 'ticket-created', locale: 'en', to: 'ada@example.com' });
    expect(messages[0]?.text).toContain('Hello Ada,');
    expect(messages[0]?.text).not.toContain('progress');
  });

  it('sends nothing and fails nothing without messaging', async () => {
    t = await bootTickets();
    await seedSla(t);
    const ada = await customer(t, { kind: 'person', name: 'Ada Byron', email: 'ada@example.com' } as never);
    const ticket = await t
      .data<Ticket>('ticket')
      .create({ customerId: ada.id, type: 'inquiry', subject: 'Manual' });
    await t
      .data<TicketReply>('ticketReply')
      .create({ ticketId: ticket.id, author: 'agent', body: 'Here it is' });
    await t.data<Ticket>('ticket').update(ticket.id, { status: 'resolved', resolution: 'Sent the manual' });
    await t.settle();
    expect(t.kernel.entities.has('message')).toBe(false);
    expect((await t.data<Ticket>('ticket').get(ticket.id)).status).toBe('resolved');
  });
});

describe('escalation notices through messaging', () => {
  it("e-mail the rule's notify users and the team's escalation contact, in their language, once per firing", async () => {
    const t = await bootWithMessaging(undefined, [users()]);
    const people = t.kernel.data<{ name: string; email: string; roles: string[]; language?: string }>(
      'user',
      { actor: SYSTEM_ACTOR },
    );
    const lead = await people.create({ name: 'Lena Koch', email: 'lena@desk.example', roles: ['agent'] });
    const contact = await people.create({
      name: '王芳',
      email: 'wang.fang@desk.example',
      roles: ['agent'],
      language: 'zh-Hans',
    });
    await t.data('team').create({ key: 'leads', name: 'Leads', escalationContact: contact.id });
    await t.data('escalationRule').create({
      key: 'fr-breach',
      name: 'First response breached',
      on: 'breached',
      target: 'firstResponse',
      actions: { assignTeam: 'leads', notify: [lead.id, 'no-such-user'] },
    });
    await t.data('escalationRule').create({
      key: 'risk-note',
      name: 'At risk: note',
      on: 'atRisk',
      target: 'firstResponse',
      actions: { note: 'Close to the first-response target' },
    });
    const acme = await customer(t);
    await t.data<Ticket>('ticket').create({ customerId: acme.id, type: 'repair', subject: 'Gearbox noise' });
    for (let i = 0; i < 30; i += 1) await t.advance('5m'); // past the 2 h first response
    await t.settle();
    const notices = (await sent(t)).filter((message) => message.templateKey === 'ticket-escalated');
    // the at-risk rule has no notify: nobody hears of it; the unknown user is skipped
    expect(notices.map((message) => [message.to, message.locale])).toEqual([
      ['lena@desk.example', 'en'],
      ['wang.fang@desk.example', 'zh-Hans'],
    ]);
    expect(notices[0]?.subject).toMatch(/^Escalated: Gearbox noise \[/);
    expect(notices[0]?.text).toContain('the escalation rule “fr-breach” fired');
    expect(notices[1]?.subject).toMatch(/^已升级：Gearbox noise/);
    // more time and another SLA pass: the firing is once per occasion, and so are its notices
    for (let i = 0; i < 6; i += 1) await t.advance('10m');
    await t.settle();
    expect((await sent(t)).filter((message) => message.templateKey === 'ticket-escalated')).toHaveLength(2);
  });
});
