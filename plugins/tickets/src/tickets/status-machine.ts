import type { TicketStatus } from '../vocabulary.js';

/** The statuses each status may move to. */
export const TICKET_TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['open', 'pending', 'onHold', 'resolved', 'closed'],
  open: ['pending', 'onHold', 'resolved', 'closed'],
  pending: ['open', 'onHold', 'resolved', 'closed'],
  onHold: ['open', 'pending', 'resolved', 'closed'],
  resolved: ['reopened', 'closed'],
  closed: ['reopened'],
  reopened: ['open', 'pending', 'onHold', 'resolved', 'closed'],
};

/**
 * Why a ticket may not move from `from` to `to`, as a sentence naming the allowed moves;
 * `undefined` when the move is allowed (staying in the same status always is).
 */
export function transitionProblem(from: TicketStatus, to: TicketStatus): string | undefined {
  if (from === to) return undefined;
  const allowed = TICKET_TRANSITIONS[from];
  if (allowed.includes(to)) return undefined;
  if (to === 'new')
    return `cannot go back to 'new' from '${from}': a ticket is new only until it is first worked`;
  if (from === 'closed' || from === 'resolved') {
    return `cannot move from '${from}' to '${to}': reopen it first (status 'reopened')`;
  }
  return `cannot move from '${from}' to '${to}' (allowed: ${allowed.join(', ')})`;
}
