import { afterEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../entities/ticket.js';
import type { TicketReply } from '../entities/ticket-reply.js';
import { bootTickets, customer, seedSla } from '../test-support/boot.js';
import { MESSAGE_RECEIVED_EVENT, quotedReference, type ReceivedMessage } from './thread-inbound.js';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('inbound threading', () => {
  it('finds a quoted reference in the subject, then the text', () => {
    expect(quotedReference('Re: [t-1a2b3c4d] your repair', undefined)).toBe('T-1A2B3C4D');
    expect(quotedReference('Hello', 'About T-ZZZZ0000, any news?')).toBe('T-ZZZZ0000');
    expect(quotedReference('T-123', 'no reference')).toBeUndefined();
  });

  it('threads by reference, by thread key, or opens a new ticket; a reply reopens pending', async () => {
    const t = await bootTickets();
    stop = () => t.stop();
    await seedSla(t);
    const acme = await customer(t);
    const receive = async (message: ReceivedMessage) => {
      await t.kernel.events.emit(MESSAGE_RECEIVED_EVENT, { ...message }, { actor: t.admin });
      await t.settle();
    };
    const ticket = await t
      .data<Ticket>('ticket')
      .create({ customerId: acme.id, type: 'repair', subject: 'Pump' });
    await t.data<Ticket>('ticket').update(ticket.id, { status: 'pending' });
    await receive({
      id: 'm1',
      channel: 'email',
      subject: `Re: ${ticket.reference} Pump`,
      text: 'Still broken',
      customerId: acme.id,
      threadKey: 'thread-1',
    });
    expect((await t.data<Ticket>('ticket').get(ticket.id)).status).toBe('open');
    await receive({
      id: 'm2',
      channel: 'email',
      subject: 'Re: Pump',
      text: 'Photo attached',
      customerId: acme.id,
      threadKey: 'thread-1',
    });
    await receive({
      id: 'm2',
      channel: 'email',
      subject: 'Re: Pump',
      text: 'Photo attached',
      customerId: acme.id,
      threadKey: 'thread-1',
    });
    const replies = await t.data<TicketReply>('ticketReply').find({ where: { ticketId: ticket.id } });
    expect(replies.items.map((r) => [r.author, r.messageId])).toEqual([
      ['customer', 'm1'],
      ['customer', 'm2'],
    ]);
    await receive({ id: 'm3', channel: 'sms', text: 'Can someone call me?', customerId: acme.id });
    const opened = await t.data<Ticket>('ticket').find({ where: { customerId: acme.id, channel: 'sms' } });
    expect(opened.items.map((x) => [x.type, x.subject])).toEqual([['inquiry', 'Can someone call me?']]);
    // an unknown sender opens nothing
    await receive({ id: 'm4', channel: 'email', text: 'Spam' });
    expect(await t.data<Ticket>('ticket').count({})).toBe(2);
  });
});
