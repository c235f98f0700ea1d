import { isoTime, type Repository } from '@rapport/core';
import type { BusinessCalendar } from '../entities/business-calendar.js';
import type { SlaPolicy } from '../entities/sla-policy.js';
import type { Ticket } from '../entities/ticket.js';
import type { TicketReply } from '../entities/ticket-reply.js';
import type { TicketStatusChange } from '../entities/ticket-status-change.js';
import { matchPolicy } from '../sla/match-policy.js';
import type { StatusMark } from '../sla/status-clock.js';
import { computeTicketSla, isFirstResponse, type SlaReply } from '../sla/ticket-sla.js';
import { DEFAULT_PAUSE_STATUSES } from '../vocabulary.js';

/** Reads records as the system (the SLA needs policies, calendars and history a caller may not see). */
export type SystemRepos = <U>(entity: string) => Repository<U>;

const MINUTE = 60_000;
const PAGE = 1_000;

/** The computed SLA fields of a ticket. */
export type SlaFields = Pick<
  Ticket,
  | 'slaPolicy'
  | 'sla'
  | 'slaNextChangeAt'
  | 'slaNearestDueAt'
  | 'firstResponseAt'
  | 'resolvedAt'
  | 'firstResponseBusinessMs'
  | 'resolutionBusinessMs'
  | 'slaTargetsMet'
  | 'slaTargetsDone'
  | 'reopenCount'
>;

/** The status history of a ticket, oldest first (`pending` adds a status entered now). */
export async function statusHistory(system: SystemRepos, ticketId: string): Promise<StatusMark[]> {
  const page = await system<TicketStatusChange>('ticketStatusChange').find({
    where: { ticketId },
    sort: ['at'],
    limit: PAGE,
  });
  return page.items.map((c) => ({ status: c.to, at: Date.parse(c.at) }));
}

/** The replies of a ticket as the SLA sees them. */
export async function slaReplies(system: SystemRepos, ticketId: string): Promise<SlaReply[]> {
  const page = await system<TicketReply>('ticketReply').find({
    where: { ticketId },
    sort: ['createdAt'],
    limit: PAGE,
  });
  return page.items.map((r) => ({
    at: Date.parse(r.createdAt),
    author: r.author,
    public: r.public !== false,
    // every reply channel reaches the customer; internal notes are `public: false`
    customerFacing: true,
  }));
}

/**
 * Computes every SLA field of `ticket` from scratch: the first matching policy (by the ticket's
 * priority and type and the customer's ABC class, tags and loyalty tier), its calendar, and the
 * status history and replies given. No matching policy (or no calendar) clears the SLA fields.
 */
export async function computeSlaFields(
  system: SystemRepos,
  ticket: Ticket & { createdAt: string },
  history: readonly StatusMark[],
  replies: readonly SlaReply[],
  now: number,
): Promise<SlaFields> {
  const fields: SlaFields = {};
  const first = [...replies].sort((a, b) => a.at - b.at).find(isFirstResponse);
  if (first) fields.firstResponseAt = isoTime(first.at);
  if (ticket.status === 'resolved' || ticket.status === 'closed') {
    const done = [...history].reverse().find((m) => m.status === 'resolved' || m.status === 'closed');
    if (done) fields.resolvedAt = isoTime(done.at);
  }
  const reopened = history.filter((mark) => mark.status === 'reopened').length;
  if (reopened > 0) fields.reopenCount = reopened;
  const policies = await system<SlaPolicy>('slaPolicy').find({ where: { active: true }, limit: PAGE });
  const customer = (await system<Record<string, unknown>>('customer')
    .get(ticket.customerId)
    .catch(() => undefined)) as { abcClass?: string; tags?: string[]; loyaltyTier?: string } | undefined;
  const policy = matchPolicy(policies.items, {
    priority: ticket.priority ?? 'normal',
    type: ticket.type,
    ...(customer?.abcClass ? { abcClass: customer.abcClass } : {}),
    ...(customer?.tags ? { tags: customer.tags } : {}),
    ...(customer?.loyaltyTier ? { loyaltyTier: customer.loyaltyTier } : {}),
  });
  if (!policy) return fields;
  const calendars = await system<BusinessCalendar>('businessCalendar').find({
    where: { key: policy.calendar },
    limit: 1,
  });
  const calendar = calendars.items[0];
  if (!calendar) return fields;
  const sla = computeTicketSla(
    calendar,
    {
      ...(policy.firstResponseMinutes ? { firstResponseMs: policy.firstResponseMinutes * MINUTE } : {}),
      ...(policy.resolutionMinutes ? { resolutionMs: policy.resolutionMinutes * MINUTE } : {}),
      ...(policy.nextResponseMinutes ? { nextResponseMs: policy.nextResponseMinutes * MINUTE } : {}),
      pauseStatuses: policy.pauseStatuses ?? DEFAULT_PAUSE_STATUSES,
      atRiskShare: (policy.atRiskPercent ?? 80) / 100,
    },
    { createdAt: Date.parse(ticket.createdAt), history, replies },
    now,
  );
  fields.slaPolicy = policy.key;
  fields.sla = sla;
  if (sla.nextChangeAt !== undefined) fields.slaNextChangeAt = isoTime(sla.nextChangeAt);
  if (sla.nearestDueAt !== undefined) fields.slaNearestDueAt = isoTime(sla.nearestDueAt);
  const done = [sla.firstResponse, sla.resolution, sla.nextResponse].filter(
    (state) => state?.status === 'met' || state?.status === 'missed',
  );
  if (done.length > 0) {
    fields.slaTargetsDone = done.length;
    fields.slaTargetsMet = done.filter((state) => state?.status === 'met').length;
  }
  if (first && sla.firstResponse) fields.firstResponseBusinessMs = sla.firstResponse.usedMs;
  if (fields.resolvedAt && sla.resolution) fields.resolutionBusinessMs = sla.resolution.usedMs;
  return fields;
}
