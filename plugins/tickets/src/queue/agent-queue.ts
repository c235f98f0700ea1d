import { type Actor, fieldError, type Kernel } from '@rapport/core';
import type { Ticket, TicketRecord } from '../entities/ticket.js';
import type { TargetStatus } from '../sla/sla-target.js';

/** Statuses in which a ticket is worked (the queue's). */
export const QUEUE_STATUSES = ['new', 'open', 'reopened', 'pending', 'onHold'] as const;

/** One row of the agent queue. */
export interface QueueEntry {
  id: string;
  reference?: string;
  subject: string;
  type: string;
  priority: string;
  status: string;
  team?: string;
  assigneeId?: string;
  /** The earliest due time of a running target. */
  nearestDueAt?: string;
  /** Each target's state: the console's at-risk and breached badges. */
  targets: Partial<Record<'firstResponse' | 'resolution' | 'nextResponse', TargetStatus>>;
}

/** The largest queue page. */
export const MAX_QUEUE = 200;

function entry(ticket: TicketRecord): QueueEntry {
  const targets: QueueEntry['targets'] = {};
  for (const name of ['firstResponse', 'resolution', 'nextResponse'] as const) {
    const state = ticket.sla?.[name];
    if (state) targets[name] = state.status;
  }
  return {
    id: ticket.id,
    ...(ticket.reference ? { reference: ticket.reference } : {}),
    subject: ticket.subject,
    type: ticket.type,
    priority: ticket.priority ?? 'normal',
    status: ticket.status ?? 'new',
    ...(ticket.team ? { team: ticket.team } : {}),
    ...(ticket.assigneeId ? { assigneeId: ticket.assigneeId } : {}),
    ...(ticket.slaNearestDueAt ? { nearestDueAt: ticket.slaNearestDueAt } : {}),
    targets,
  };
}

/**
 * The caller's queue: worked tickets ordered by SLA urgency (nearest due first, then tickets
 * without a running target, oldest first). It reads as the caller, so record rules apply: an
 * agent sees their teams' tickets only.
 */
export async function agentQueue(kernel: Kernel, actor: Actor, limit = 50): Promise<QueueEntry[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUEUE) {
    throw fieldError('ticket', 'limit', 'tickets.queue', `must be an integer from 1 to ${MAX_QUEUE}`);
  }
  const tickets = kernel.data<Ticket>('ticket', { actor });
  const status = { in: [...QUEUE_STATUSES] };
  const due = await tickets.find({
    where: { status, slaNearestDueAt: { exists: true } },
    sort: ['slaNearestDueAt', 'createdAt'],
    limit,
  });
  const rest =
    due.items.length < limit
      ? await tickets.find({
          where: { status, slaNearestDueAt: { exists: false } },
          sort: ['createdAt'],
          limit: limit - due.items.length,
        })
      : { items: [] };
  return [...due.items, ...rest.items].map((t) => entry(t as TicketRecord));
}
