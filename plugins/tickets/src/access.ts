import { ForbiddenError, isSystemActor, type RegisterContext } from '@rapport/core';
import type { TicketsOptions } from './options.js';
import { TICKETS_PLUGIN_ID } from './plugin-id.js';

/** Roles that see every ticket. */
const SEE_ALL = ['admin', 'manager', 'serviceManager'];

/** Entities an agent sees for their teams' tickets only (each has `team` and `assigneeId`). */
const TEAM_SCOPED = ['ticket', 'ticketRating'] as const;

/** Entities only the plugin writes. */
const PLUGIN_WRITTEN = ['ticketStatusChange', 'escalationFiring', 'ticketRating'] as const;

/** The team keys in an actor's `teams` attribute: a list, or a comma-separated string (API keys hold scalars). */
export function teamsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string')
    return value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
  return [];
}

/**
 * Roles and record rules:
 * - `agent`: works tickets and replies; reads calendars, policies, teams, assets, customers and
 *   contacts, metrics.
 * - `serviceManager`: everything in tickets, calendars, policies and teams included.
 * - with `agentsSeeTeamTickets` (default) an `agent` who is not also a manager sees only the
 *   tickets of the teams listed in their actor's `teams` attribute (a list or `repairs,field`), and those assigned to them;
 *   ratings likewise, by the team and assignee captured with the rating (so `tickets.csat` is the team's).
 * - the status history and the escalation firings are written by the plugin only (403 otherwise).
 */
export function declareAccess(ctx: RegisterContext<TicketsOptions>): void {
  ctx.access.grant('agent', [
    'ticket:read',
    'ticket:create',
    'ticket:update',
    'ticketReply:read',
    'ticketReply:create',
    'ticketStatusChange:read',
    'escalationRule:read',
    'escalationFiring:read',
    'ticketRating:read',
    'businessCalendar:read',
    'slaPolicy:read',
    'team:read',
    'asset:read',
    'asset:create',
    'asset:update',
    'customer:read',
    'contact:read',
    'interaction:read',
    'metric:read',
  ]);
  ctx.access.grant('serviceManager', [
    'ticket:*',
    'ticketReply:*',
    'ticketStatusChange:read',
    'escalationRule:*',
    'escalationFiring:read',
    'ticketRating:read',
    'businessCalendar:*',
    'slaPolicy:*',
    'team:*',
    'asset:*',
    'customer:read',
    'contact:read',
    'interaction:read',
    'metric:read',
  ]);
  if (ctx.options.agentsSeeTeamTickets) {
    for (const entity of TEAM_SCOPED) {
      ctx.access.rule({
        id: `${TICKETS_PLUGIN_ID}.teamTickets.${entity}`,
        entity,
        where: (actor) => {
          if (!actor.roles.includes('agent') || actor.roles.some((role) => SEE_ALL.includes(role)))
            return undefined;
          const teams = teamsOf(actor.attributes?.teams);
          return { or: [{ team: { in: teams } }, { assigneeId: actor.id }] };
        },
      });
    }
  }
  for (const entity of PLUGIN_WRITTEN) {
    ctx.hooks.entity(entity).validate.tapPromise(TICKETS_PLUGIN_ID, async (write) => {
      if (!isSystemActor(write.actor)) {
        throw new ForbiddenError(`${entity} records are written by the tickets plugin only`, {
          details: { entity, actor: write.actor.id },
        });
      }
    });
  }
}
