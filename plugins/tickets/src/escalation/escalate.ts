import { ConflictError, type EventHandlerContext, isoTime, type RegisterContext } from '@rapport/core';
import type { EscalationFiring, EscalationRule } from '../entities/escalation-rule.js';
import type { Ticket } from '../entities/ticket.js';
import type { TicketReply } from '../entities/ticket-reply.js';
import type { TicketsOptions } from '../options.js';
import { TICKETS_PLUGIN_ID } from '../plugin-id.js';
import { everyRecord } from '../tickets/sla-fields.js';
import { TICKET_PRIORITIES, type TicketPriority } from '../vocabulary.js';
import { NO_UPDATE_EVENT, type NoUpdateEvent } from './no-update.js';
import { ruleMatches } from './rule-match.js';

/** The payload of `tickets.sla.atRisk` / `tickets.sla.breached`. */
export interface SlaMoveEvent {
  ticketId: string;
  target: string;
  dueAt?: string;
}

/** The priority one step up (urgent stays urgent). */
export function raisedPriority(priority: TicketPriority): TicketPriority {
  const index = TICKET_PRIORITIES.indexOf(priority);
  return TICKET_PRIORITIES[Math.max(0, index - 1)] as TicketPriority;
}

function applies(rule: EscalationRule, on: string, target: string, ticket: Ticket): boolean {
  if (rule.on !== on) return false;
  if (rule.target && rule.target !== target) return false;
  return ruleMatches(rule, ticket);
}

/**
 * Runs the matching rules for one SLA move. Each firing is recorded first under a unique
 * (rule, ticket, occasion) index, so a redelivered event or a second move for the same due time
 * finds it and does nothing: a rule fires once per ticket and occasion.
 */
export async function escalate(on: 'atRisk' | 'breached', event: SlaMoveEvent, handler: EventHandlerContext) {
  const ticket = await handler
    .data<Ticket>('ticket')
    .get(event.ticketId)
    .catch(() => undefined);
  if (!ticket) return;
  const rules = await everyRecord(handler.data<EscalationRule>('escalationRule'), { on }, ['key', 'id']);
  const occasion = `${on}:${event.target}:${event.dueAt ?? 'paused'}`;
  await fire(
    handler,
    ticket as Ticket & { id: string },
    rules.filter((r) => applies(r, on, event.target, ticket)),
    occasion,
  );
}

/**
 * Fires a `noUpdate` rule on a ticket still quiet since `since` (an update since then means the
 * event is stale: nothing fires). The occasion is `noUpdate:<since>`: once per quiet stretch.
 */
export async function escalateNoUpdate(event: NoUpdateEvent, handler: EventHandlerContext): Promise<void> {
  const ticket = await handler
    .data<Ticket>('ticket')
    .get(event.ticketId)
    .catch(() => undefined);
  if (!ticket || ticket.lastActivityAt !== event.since) return;
  const rules = await handler
    .data<EscalationRule>('escalationRule')
    .find({ where: { key: event.rule }, limit: 1 });
  const rule = rules.items.find((r) => r.on === 'noUpdate' && ruleMatches(r, ticket));
  if (rule) await fire(handler, ticket as Ticket & { id: string }, [rule], `noUpdate:${event.since}`);
}

async function fire(
  handler: EventHandlerContext,
  ticket: Ticket & { id: string },
  rules: EscalationRule[],
  occasion: string,
): Promise<void> {
  const tickets = handler.data<Ticket>('ticket');
  for (const rule of rules) {
    const { actions } = rule;
    const done = Object.keys(actions).filter((name) => actions[name as keyof typeof actions] !== undefined);
    try {
      await handler.data<EscalationFiring>('escalationFiring').create({
        rule: rule.key,
        ticketId: ticket.id,
        occasion,
        firedAt: isoTime(handler.now()),
        actions: done,
      });
    } catch (error) {
      if (error instanceof ConflictError) continue;
      throw error;
    }
    const current = await tickets.get(ticket.id);
    const patch: Partial<Ticket> = {};
    if (actions.raisePriority) patch.priority = raisedPriority(current.priority ?? 'normal');
    if (actions.assignTeam) patch.team = actions.assignTeam;
    if (actions.assignTo) patch.assigneeId = actions.assignTo;
    if (Object.keys(patch).length > 0) await tickets.update(ticket.id, patch);
    if (actions.note) {
      await handler.data<TicketReply>('ticketReply').create({
        ticketId: ticket.id,
        author: 'system',
        public: false,
        body: actions.note,
      });
    }
    handler.emit(`${TICKETS_PLUGIN_ID}.escalation.fired`, {
      ticketId: ticket.id,
      rule: rule.key,
      occasion,
      actions: done,
      ...(actions.notify ? { notify: actions.notify } : {}),
    });
  }
}

/**
 * Subscribes the escalation rules to the SLA moves and to tickets left without an update
 * (transactional: a firing and its actions commit together).
 */
export function subscribeEscalations(ctx: RegisterContext<TicketsOptions>): void {
  ctx.events.on<NoUpdateEvent>(
    NO_UPDATE_EVENT,
    (event, handler) => escalateNoUpdate(event.payload, handler),
    {
      id: `${TICKETS_PLUGIN_ID}:escalate.noUpdate`,
    },
  );
  for (const on of ['atRisk', 'breached'] as const) {
    ctx.events.on<SlaMoveEvent>(
      `${TICKETS_PLUGIN_ID}.sla.${on}`,
      (event, handler) => escalate(on, event.payload, handler),
      {
        id: `${TICKETS_PLUGIN_ID}:escalate.${on}`,
      },
    );
  }
}
