import {
  type DomainEvent,
  type EventHandlerContext,
  KERNEL,
  RapportError,
  type RegisterContext,
  type Repository,
  SYSTEM_ACTOR,
} from '@rapport/core';
import { MESSAGING, type MessageTemplate } from '@rapport/plugin-messaging';
import type { Ticket, TicketRecord } from '../entities/ticket.js';
import type { TicketReply } from '../entities/ticket-reply.js';
import type { TicketsOptions } from '../options.js';
import { TICKETS_PLUGIN_ID } from '../plugin-id.js';
import { issueProgressLink } from '../progress/progress-links.js';
import { firstNameOf } from '../progress/progress-view.js';
import { issueRatingLink, ratingPath } from '../ratings/rate-ticket.js';
import { type NotificationKind, templateKey, ticketTemplates } from './ticket-templates.js';

interface Person {
  kind?: string;
  name?: string;
  email?: string;
  phone?: string;
}

/** Where the customer hears from us: the contact's e-mail, else the customer's, else an SMS to a phone. */
function addressOf(
  contact: Person | undefined,
  customer: Person,
): { channel: 'email' | 'sms'; to: string } | undefined {
  const email = contact?.email ?? customer.email;
  if (email) return { channel: 'email', to: email };
  const phone = contact?.phone ?? customer.phone;
  return phone ? { channel: 'sms', to: phone } : undefined;
}

async function notify(
  handler: EventHandlerContext,
  options: TicketsOptions,
  ticketId: string,
  kind: NotificationKind,
  idempotencyKey: string,
  extra: { replyText?: string } = {},
): Promise<void> {
  const system = <T>(entity: string) => handler.data<T>(entity);
  const ticket = (await system<Ticket>('ticket').get(ticketId)) as TicketRecord;
  const customer = await system<Person>('customer').get(ticket.customerId);
  const contact = ticket.contactId
    ? await system<Person>('contact')
        .get(ticket.contactId)
        .catch(() => undefined)
    : undefined;
  const address = addressOf(contact, customer);
  if (!address) return; // nobody to tell
  const kernel = handler.resolve(KERNEL);
  const link = options.publicUrl
    ? await issueProgressLink(kernel, ticket.id, { publicUrl: options.publicUrl })
    : undefined;
  const rating =
    kind === 'resolved' && options.publicUrl
      ? `${options.publicUrl.replace(/\/+$/, '')}${ratingPath(await issueRatingLink(kernel, ticket.id))}`
      : undefined;
  const firstName = firstNameOf(contact?.name ?? (customer.kind === 'person' ? customer.name : undefined));
  try {
    await handler.resolve(MESSAGING).send(
      {
        ...address,
        purpose: 'transactional',
        customerId: ticket.customerId,
        template: { key: templateKey(kind) },
        data: {
          firstName: firstName ?? null,
          reference: ticket.reference ?? ticket.id,
          subject: ticket.subject,
          progressUrl: link?.url ?? null,
          ratingUrl: rating ?? null,
          replyText: extra.replyText ?? null,
          resolution: ticket.resolution ?? null,
        },
        idempotencyKey,
        threadKey: `ticket:${ticket.id}`,
        source: { plugin: TICKETS_PLUGIN_ID, entity: 'ticket', recordId: ticket.id },
      },
      { actor: SYSTEM_ACTOR },
    );
  } catch (error) {
    // a refusal (no account for the channel, a template removed) will not mend on retry: say so once
    if (error instanceof RapportError && error.code === 'VALIDATION_FAILED') {
      handler.logger.warn({ err: error, ticketId, kind }, 'ticket notification not sent');
      return;
    }
    throw error;
  }
}

/** Creates the plugin's templates that are not there yet (by key, channel and locale); edits are kept. */
export async function seedTicketTemplates(data: <T>(entity: string) => Repository<T>): Promise<void> {
  const templates = data<MessageTemplate>('messageTemplate');
  for (const template of ticketTemplates()) {
    const { key, channel, locale } = template;
    if ((await templates.count({ key, channel, locale })) === 0) await templates.create(template);
  }
}

/**
 * With messaging installed, the customer hears, by the templates `ticket-created`, `ticket-reply`
 * and `ticket-resolved` (transactional; e-mail to the contact or customer, else SMS), with a fresh
 * progress link when `publicUrl` is set (and, on resolve, the single-use rating link): when a ticket is opened, when an agent replies publicly
 * (not a note, not a system acknowledgement, not a reply that came in through messaging), and when
 * it is resolved. The send is queued in the event's delivery transaction and has an idempotency
 * key, so a redelivered event sends nothing twice.
 * Without messaging: nothing is subscribed, nothing is sent, nothing fails.
 */
export function subscribeNotifications(ctx: RegisterContext<TicketsOptions>): void {
  if (!ctx.plugins.has('messaging')) return;
  const on = <P>(
    name: string,
    id: string,
    run: (event: DomainEvent<P>, handler: EventHandlerContext) => Promise<void>,
  ) => ctx.events.on<P>(name, run, { id: `${TICKETS_PLUGIN_ID}:notify.${id}` });
  on<{ ticketId: string }>(`${TICKETS_PLUGIN_ID}.ticket.created`, 'created', (event, handler) =>
    notify(
      handler,
      ctx.options,
      event.payload.ticketId,
      'created',
      `tickets:created:${event.payload.ticketId}`,
    ),
  );
  on<{ ticketId: string; replyId: string; author: string; public: boolean }>(
    `${TICKETS_PLUGIN_ID}.reply.created`,
    'reply',
    async (event, handler) => {
      const { ticketId, replyId, author } = event.payload;
      if (author !== 'agent' || !event.payload.public) return;
      const reply = await handler.data<TicketReply>('ticketReply').get(replyId);
      if (reply.messageId) return; // already went out through messaging
      await notify(handler, ctx.options, ticketId, 'reply', `tickets:reply:${replyId}`, {
        replyText: reply.body,
      });
    },
  );
  on<{ ticketId: string; to: string }>(
    `${TICKETS_PLUGIN_ID}.ticket.statusChanged`,
    'resolved',
    async (event, handler) => {
      if (event.payload.to !== 'resolved') return;
      await notify(handler, ctx.options, event.payload.ticketId, 'resolved', `tickets:resolved:${event.id}`);
    },
  );
}
