import type { EscalationRule } from '../entities/escalation-rule.js';
import type { Ticket } from '../entities/ticket.js';

/** Whether an active rule's match (priorities, types, teams) holds for a ticket. */
export function ruleMatches(rule: EscalationRule, ticket: Ticket): boolean {
  if (rule.active === false) return false;
  const match = rule.match;
  if (match?.priorities?.length && !match.priorities.includes(ticket.priority ?? 'normal')) return false;
  if (match?.types?.length && !match.types.includes(ticket.type)) return false;
  if (match?.teams?.length && !(ticket.team && match.teams.includes(ticket.team))) return false;
  return true;
}
