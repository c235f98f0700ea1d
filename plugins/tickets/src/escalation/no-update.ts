import { fieldError, isoTime, type RegisterContext } from '@rapport/core';
import type { BusinessCalendar } from '../entities/business-calendar.js';
import type { EscalationRule } from '../entities/escalation-rule.js';
import type { Ticket } from '../entities/ticket.js';
import type { TicketsOptions } from '../options.js';
import { TICKETS_PLUGIN_ID } from '../plugin-id.js';
import { addBusinessTime } from '../sla/business-time.js';
import type { StatusMark } from '../sla/status-clock.js';
import type { SlaReply } from '../sla/ticket-sla.js';
import { TicketsTapStage } from '../tap-stages.js';
import { everyRecord, type SystemRepos } from '../tickets/sla-fields.js';
import { ruleMatches } from './rule-match.js';

/** The statuses a `noUpdate` rule watches: worked and not waiting on someone else. */
export const QUIET_STATUSES = ['new', 'open', 'reopened'] as const;

/** The event of a ticket left without an update past a rule's hours. */
export const NO_UPDATE_EVENT = `${TICKETS_PLUGIN_ID}.ticket.noUpdate`;

/** What {@link NO_UPDATE_EVENT} carries. */
export interface NoUpdateEvent {
  ticketId: string;
  rule: string;
  /** The last update the hours count from: the occasion (a later update starts a new one). */
  since: string;
}

const HOUR = 3_600_000;

/**
 * The ticket's last update: its previous one, the latest status change, the latest reply by a
 * person (agent or customer; system notes do not count), and `now` when a person edits it.
 */
export function lastActivity(
  previous: number,
  history: readonly StatusMark[],
  replies: readonly SlaReply[],
  personWrite: number | undefined,
): number {
  let latest = previous;
  for (const mark of history) latest = Math.max(latest, mark.at);
  for (const reply of replies) if (reply.author !== 'system') latest = Math.max(latest, reply.at);
  return personWrite === undefined ? latest : Math.max(latest, personWrite);
}

/** One rule's deadline on a ticket: when `hours` business hours have passed since its last update. */
export interface QuietDeadline {
  rule: string;
  at: number;
}

/**
 * The deadlines of the active `noUpdate` rules matching a quiet ticket (new, open, reopened),
 * counted in business time on its SLA policy's calendar from its last update. A ticket with no
 * policy (so no calendar) has none.
 */
export async function quietDeadlines(
  system: SystemRepos,
  ticket: Ticket,
  since: number,
): Promise<QuietDeadline[]> {
  if (!(QUIET_STATUSES as readonly string[]).includes(ticket.status ?? 'new') || !ticket.slaPolicy) return [];
  const rules = (
    await everyRecord(system<EscalationRule>('escalationRule'), { on: 'noUpdate' }, ['key', 'id'])
  ).filter((rule) => rule.hours && ruleMatches(rule, ticket));
  if (rules.length === 0) return [];
  const policy = (
    await system<{ key: string; calendar: string }>('slaPolicy').find({
      where: { key: ticket.slaPolicy },
      limit: 1,
    })
  ).items[0];
  const calendar = policy
    ? (await system<BusinessCalendar>('businessCalendar').find({ where: { key: policy.calendar }, limit: 1 }))
        .items[0]
    : undefined;
  if (!calendar) return [];
  return rules.map((rule) => ({
    rule: rule.key,
    at: addBusinessTime(calendar, since, (rule.hours as number) * HOUR),
  }));
}

/** The earlier of a ticket's next SLA change and its next quiet deadline still ahead. */
export function nextChange(current: string | undefined, deadlines: readonly QuietDeadline[], now: number) {
  const ahead = deadlines.filter((d) => d.at > now).map((d) => d.at);
  if (ahead.length === 0) return current;
  const next = Math.min(...ahead, current ? Date.parse(current) : Number.POSITIVE_INFINITY);
  return isoTime(next);
}

/** A `noUpdate` rule names its hours; other rules have none. */
export function tapNoUpdateRuleChecks(ctx: RegisterContext<TicketsOptions>): void {
  ctx.hooks
    .entity<EscalationRule>('escalationRule')
    .validate.tapPromise({ name: TICKETS_PLUGIN_ID, stage: TicketsTapStage.checks }, async (write) => {
      if (write.operation === 'delete') return;
      const { on, hours, target } = write.record;
      if (on === 'noUpdate' && hours === undefined)
        throw fieldError(
          'escalationRule',
          'hours',
          'tickets.noUpdate',
          "is required when on is 'noUpdate': how many business hours without an update",
        );
      if (on !== 'noUpdate' && hours !== undefined)
        throw fieldError('escalationRule', 'hours', 'tickets.noUpdate', "applies only to on 'noUpdate'");
      if (on === 'noUpdate' && target !== undefined)
        throw fieldError(
          'escalationRule',
          'target',
          'tickets.noUpdate',
          "does not apply to on 'noUpdate': the rule watches the whole ticket",
        );
    });
}
