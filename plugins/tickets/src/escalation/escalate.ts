import { ConflictError, type EventHandlerContext, isoTime, type RegisterContext } from '@rapport/core';
import type { EscalationFiring, EscalationRule } from '../entities/escalation-rule.js';
import type { Ticket } from '../entities/ticket.js';
import type { TicketReply } from '../entities/ticket-reply.js';
import type { TicketsOptions } from '../options.js';
import { TICKETS_PLUGIN_ID } from '../plugin-id.js';
import { TICKET_PRIORITIES, type TicketPriority } from '../vocabulary.js';

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
  if (rule.active === false || rule.on !== on) return false;
  if (rule.target && rule.target !== target) return false;
  const match = rule.match;
  if (match?.priorities?.length && !match.priorities.includes(ticket.priority ?? 'normal')) return false;
  if (match?.types?.length && !match.types.includes(ticket.type)) return false;
  if (match?.teams?.length && !(ticket.team && match.teams.includes(ticket.team))) return false;
  return true;
}

/**
 * Runs the matching rules for one SLA move. Each firing is recorded first under a unique
 * (rule, ticket, occasion) index, so a redelivered event or a second move for the same due time
 * finds it and does nothing: a rule fires once per ticket and occasion.
 */
export async function escalate(on: 'atRisk' | 'breached', event: SlaMoveEvent, handler: EventHandlerContext) {
  const tickets = handler.data<Ticket>('ticket');
  const ticket = await tickets.get(event.ticketId).catch(() => undefined);
  if (!ticket) return;
  const rules = await handler.data<EscalationRule>('escalationRule').find({ where: { on }, limit: 500 });
  const occasion = `${on}:${event.target}:${event.dueAt ?? 'paused'}`;
  for (const rule of rules.items.filter((r) => applies(r, on, event.target, ticket))) {
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

/** Subscribes the escalation rules to the SLA moves (transactional: a firing and its actions commit together). */
export function subscribeEscalations(ctx: RegisterContext<TicketsOptions>): void {
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
