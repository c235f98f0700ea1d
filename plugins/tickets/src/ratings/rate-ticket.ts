import { fieldError, isoTime, type Kernel, LINKS, RapportError, SYSTEM_ACTOR } from '@rapport/core';
import type { Rating, RatingRecord } from '../entities/rating.js';
import type { Ticket } from '../entities/ticket.js';
import { TICKETS_PLUGIN_ID } from '../plugin-id.js';

/** The link purpose of rating links: single-use, bound to the ticket. */
export const RATING_PURPOSE = `${TICKETS_PLUGIN_ID}.rating`;

/** A customer's answer. */
export interface RatingInput {
  score: number;
  comment?: string;
}

/** Issues the rating link of a resolved ticket (the token is shown once: put it in the message). */
export async function issueRatingLink(kernel: Kernel, ticketId: string): Promise<string> {
  const ticket = await kernel.data<Ticket>('ticket', { actor: SYSTEM_ACTOR }).get(ticketId);
  if (ticket.status !== 'resolved' && ticket.status !== 'closed') {
    throw fieldError('ticket', 'status', 'tickets.rating', 'must be resolved or closed before it is rated');
  }
  return (await kernel.resolve(LINKS).issue({ purpose: RATING_PURPOSE, recordId: ticketId })).token;
}

/**
 * Records the rating a link authorises: the link is used up in the same transaction as the
 * rating, so of concurrent submissions exactly one is recorded (the others get `LINK_INVALID`);
 * one rating per ticket is also a unique index. A score at or below `lowScore` reopens the ticket.
 */
export async function rateTicket(
  kernel: Kernel,
  token: string,
  input: RatingInput,
  lowScore: number,
): Promise<RatingRecord> {
  if (!Number.isInteger(input?.score) || input.score < 1 || input.score > 5) {
    throw fieldError('ticketRating', 'score', 'tickets.score', 'must be an integer from 1 to 5');
  }
  return kernel.transaction(async (tx) => {
    const grant = await kernel.resolve(LINKS).consume(token, { purpose: RATING_PURPOSE });
    if (!grant) {
      throw new RapportError(
        'LINK_INVALID',
        'this rating link is not valid: it may have been used already or expired',
        {
          details: {},
        },
      );
    }
    const tickets = tx.data<Ticket>('ticket', { actor: grant.actor });
    const ticket = await tickets.get(grant.recordId);
    const rating = (await tx.data<Rating>('ticketRating', { actor: grant.actor }).create({
      ticketId: ticket.id,
      customerId: ticket.customerId,
      score: input.score,
      ...(input.comment ? { comment: input.comment } : {}),
      ratedAt: isoTime(kernel.clock.now()),
      ...(ticket.assigneeId ? { assigneeId: ticket.assigneeId } : {}),
      ...(ticket.team ? { team: ticket.team } : {}),
    })) as RatingRecord;
    if (input.score <= lowScore && (ticket.status === 'resolved' || ticket.status === 'closed')) {
      await tickets.update(ticket.id, { status: 'reopened' });
    }
    return rating;
  });
}
