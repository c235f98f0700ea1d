import {
  type EventHandlerContext,
  RapportError,
  type RegisterContext,
  SYSTEM_ACTOR,
  USER_ENTITY,
} from '@rapport/core';
import { MESSAGING } from '@rapport/plugin-messaging';
import type { Team } from '../entities/team.js';
import type { Ticket, TicketRecord } from '../entities/ticket.js';
import type { TicketsOptions } from '../options.js';
import { TICKETS_PLUGIN_ID } from '../plugin-id.js';
import { templateKey } from './ticket-templates.js';

/** The payload of `tickets.escalation.fired`. */
interface EscalationFired {
  ticketId: string;
  rule: string;
  occasion: string;
  notify?: string[];
}

interface Person {
  name?: string;
  email?: string;
  language?: string;
  active?: boolean;
}

/** The people a firing tells: the rule's `notify` users and the escalation contact of the ticket's team. */
async function recipientsOf(handler: EventHandlerContext, ticket: TicketRecord, notify: string[]) {
  const team = ticket.team
    ? (await handler.data<Team>('team').find({ where: { key: ticket.team }, limit: 1 })).items[0]
    : undefined;
  return [...new Set([...notify, ...(team?.escalationContact ? [team.escalationContact] : [])])];
}

async function tell(handler: EventHandlerContext, event: EscalationFired): Promise<void> {
  const ticket = (await handler.data<Ticket>('ticket').get(event.ticketId)) as TicketRecord;
  const people = handler.data<Person>(USER_ENTITY);
  for (const userId of await recipientsOf(handler, ticket, event.notify ?? [])) {
    const person = await people.get(userId).catch(() => undefined);
    if (!person?.email || person.active === false) {
      // ids only: no names or addresses in the log
      handler.logger.warn(
        { ticketId: ticket.id, userId },
        'escalation notice not sent: no active user with an e-mail',
      );
      continue;
    }
    try {
      await handler.resolve(MESSAGING).send(
        {
          channel: 'email',
          to: person.email,
          purpose: 'transactional',
          template: {
            key: templateKey('escalated'),
            ...(person.language ? { locale: person.language } : {}),
          },
          data: {
            firstName: person.name?.split(/\s+/)[0] ?? null,
            reference: ticket.reference ?? ticket.id,
            subject: ticket.subject,
            rule: event.rule,
            occasion: event.occasion,
            priority: ticket.priority ?? 'normal',
          },
          idempotencyKey: `tickets:escalated:${ticket.id}:${event.rule}:${event.occasion}:${userId}`,
          source: { plugin: TICKETS_PLUGIN_ID, entity: 'ticket', recordId: ticket.id },
        },
        { actor: SYSTEM_ACTOR },
      );
    } catch (error) {
      // a refusal (no e-mail account, the template removed) will not mend on retry: say so once
      if (error instanceof RapportError && error.code === 'VALIDATION_FAILED') {
        handler.logger.warn({ err: error, ticketId: ticket.id, userId }, 'escalation notice not sent');
        continue;
      }
      throw error;
    }
  }
}

/**
 * With messaging and user accounts installed, an escalation rule's firing e-mails the users its
 * `notify` names and the escalation contact of the ticket's team (after the rule reassigned it),
 * by the template `ticket-escalated` in each person's language, once per firing and person (an
 * idempotency key), in the firing event's delivery transaction. A rule without `notify` tells
 * nobody. Without messaging or users, nothing is subscribed.
 */
export function subscribeEscalationNotices(ctx: RegisterContext<TicketsOptions>): void {
  if (!ctx.plugins.has('messaging') || !ctx.plugins.has('users')) return;
  ctx.events.on<EscalationFired>(
    `${TICKETS_PLUGIN_ID}.escalation.fired`,
    async (event, handler) => {
      if (event.payload.notify) await tell(handler, event.payload);
    },
    { id: `${TICKETS_PLUGIN_ID}:notify.escalated` },
  );
}
