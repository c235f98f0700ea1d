import { fieldError, isSystemActor, type RegisterContext } from '@rapport/core';
import type { Ticket } from '../entities/ticket.js';
import type { TicketReply } from '../entities/ticket-reply.js';
import type { TicketsOptions } from '../options.js';
import { TICKETS_PLUGIN_ID } from '../plugin-id.js';
import { TicketsTapStage } from '../tap-stages.js';

/**
 * A person writes replies as themselves: `system` replies are the plugin's own (acknowledgements,
 * escalation notes), and an agent's reply names its writer. Logging what a customer said (a phone
 * call) as a `customer` reply stays allowed, as in every helpdesk.
 */
function checkAuthor(reply: TicketReply, previous: TicketReply | undefined, actorId: string): void {
  if (reply.author === 'system' && previous?.author !== 'system') {
    throw fieldError(
      'ticketReply',
      'author',
      'tickets.author',
      "cannot be 'system': only the tickets plugin writes system replies",
    );
  }
  if (
    reply.author === 'agent' &&
    reply.authorId &&
    reply.authorId !== actorId &&
    reply.authorId !== previous?.authorId
  ) {
    throw fieldError(
      'ticketReply',
      'authorId',
      'tickets.author',
      'must be the writer: an agent replies as themselves',
    );
  }
}

/**
 * Rules of `ticketReply`: it names an existing ticket; an agent's reply is by its writer unless the
 * system writes it. After each reply the ticket's SLA is recomputed (the first public agent reply is
 * the first response), and a customer's reply moves a pending ticket back to open (a resolved or
 * closed one to reopened). Event: `tickets.reply.created`.
 */
export function tapReplyRules(ctx: RegisterContext<TicketsOptions>): void {
  const hooks = ctx.hooks.entity<TicketReply>('ticketReply');
  hooks.validate.tapPromise({ name: TICKETS_PLUGIN_ID, stage: TicketsTapStage.checks }, async (write) => {
    if (write.operation === 'delete') return;
    if (write.previous && write.previous.ticketId !== write.record.ticketId) {
      throw fieldError(
        'ticketReply',
        'ticketId',
        'tickets.immutable',
        'cannot change: a reply stays on its ticket',
      );
    }
    const ticket = await write
      .system<Ticket>('ticket')
      .get(write.record.ticketId)
      .catch(() => undefined);
    if (!ticket)
      throw fieldError(
        'ticketReply',
        'ticketId',
        'tickets.ticket',
        `names no ticket (${write.record.ticketId})`,
      );
    // the caller must see the ticket it replies to (record rules apply)
    if (!isSystemActor(write.actor)) await write.data<Ticket>('ticket').get(write.record.ticketId);
    if (!isSystemActor(write.actor)) checkAuthor(write.record, write.previous, write.actor.id);
  });
  hooks.beforeCreate.tapPromise(
    { name: TICKETS_PLUGIN_ID, stage: TicketsTapStage.derived },
    async (reply, write) =>
      reply.author === 'agent' && !reply.authorId && !isSystemActor(write.actor)
        ? { ...reply, authorId: write.actor.id }
        : reply,
  );
  hooks.afterCreate.tapPromise(TICKETS_PLUGIN_ID, async (reply, write) => {
    const tickets = write.system<Ticket>('ticket');
    const ticket = await tickets.get(reply.ticketId);
    const status = ticket.status ?? 'new';
    const patch: Partial<Ticket> = {};
    if (reply.author === 'customer' && status === 'pending') patch.status = 'open';
    if (reply.author === 'customer' && (status === 'resolved' || status === 'closed'))
      patch.status = 'reopened';
    await tickets.update(ticket.id, patch);
    write.emit(`${TICKETS_PLUGIN_ID}.reply.created`, {
      ticketId: reply.ticketId,
      replyId: reply.id,
      author: reply.author,
      public: reply.public !== false,
    });
  });
}
