import type { EventHandlerContext, RegisterContext } from '@rapport/core';
import type { Ticket, TicketRecord } from '../entities/ticket.js';
import type { TicketReply } from '../entities/ticket-reply.js';
import type { TicketsOptions } from '../options.js';
import { TICKETS_PLUGIN_ID } from '../plugin-id.js';
import { TICKET_CHANNELS, type TicketChannel } from '../vocabulary.js';

/** The messaging plugin's event for a received message (subscribed by name: messaging is optional). */
export const MESSAGE_RECEIVED_EVENT = 'messaging.message.received';

/** What the tickets plugin reads of `messaging.message.received`. */
export interface ReceivedMessage {
  id: string;
  channel: string;
  text: string;
  subject?: string;
  customerId?: string;
  threadKey?: string;
}

const REFERENCE = /\bT-(?:[A-Z0-9]{32}|[A-Z0-9]{16}|[A-Z0-9]{12}|[A-Z0-9]{8})\b/;

/** The ticket reference (`T-1A2B3C4D`) a subject or text quotes, if any. */
export function quotedReference(...texts: Array<string | undefined>): string | undefined {
  for (const text of texts) {
    const match = text ? REFERENCE.exec(text.toUpperCase()) : null;
    if (match) return match[0];
  }
  return undefined;
}

async function ticketFor(
  handler: EventHandlerContext,
  message: ReceivedMessage,
): Promise<TicketRecord | undefined> {
  const tickets = handler.data<Ticket>('ticket');
  const reference = quotedReference(message.subject, message.text);
  if (reference) {
    const { items } = await tickets.find({
      where: { reference, customerId: message.customerId ?? '' },
      limit: 1,
    });
    if (items[0]) return items[0] as TicketRecord;
  }
  if (message.threadKey) {
    const { items } = await handler
      .data<TicketReply>('ticketReply')
      .find({ where: { threadKey: message.threadKey }, limit: 1 });
    if (items[0]) return (await tickets.get(items[0].ticketId)) as TicketRecord;
  }
  return undefined;
}

/**
 * Threads a message received through messaging from a known customer: onto the ticket whose
 * reference it quotes (subject, then text) or whose thread it continues, as a customer reply
 * (which moves a pending ticket back to open, a resolved one to reopened); otherwise it opens a
 * new inquiry. A message seen before (same message id) is skipped; one from an unknown sender is left alone.
 */
export async function threadInbound(message: ReceivedMessage, handler: EventHandlerContext): Promise<void> {
  if (!message.customerId) return;
  const replies = handler.data<TicketReply>('ticketReply');
  const seen = await replies.find({ where: { messageId: message.id }, limit: 1 });
  if (seen.items.length > 0) return;
  const channel: TicketChannel = (TICKET_CHANNELS as readonly string[]).includes(message.channel)
    ? (message.channel as TicketChannel)
    : 'api';
  const ticket =
    (await ticketFor(handler, message)) ??
    ((await handler.data<Ticket>('ticket').create({
      customerId: message.customerId,
      type: 'inquiry',
      channel,
      subject: (message.subject || message.text.split('\n')[0] || `${channel} message`).slice(0, 300),
    })) as TicketRecord);
  await replies.create({
    ticketId: ticket.id,
    author: 'customer',
    channel,
    body: message.text.slice(0, 50_000) || '(empty message)',
    messageId: message.id,
    ...(message.threadKey ? { threadKey: message.threadKey } : {}),
  });
}

/** Subscribes to received messages (when messaging is installed; the event never comes otherwise). */
export function subscribeInbound(ctx: RegisterContext<TicketsOptions>): void {
  ctx.events.on<ReceivedMessage>(
    MESSAGE_RECEIVED_EVENT,
    (event, handler) => threadInbound(event.payload, handler),
    {
      id: `${TICKETS_PLUGIN_ID}:threadInbound`,
    },
  );
}
