import { isoTime, type Kernel, SYSTEM_ACTOR, ValidationError } from '@rapport/core';
import type { Ticket } from '../entities/ticket.js';

/** Tickets read per page (the store's default cap). */
const PAGE = 500;

/** What one SLA job run did. */
export interface SlaRunReport {
  /** Tickets whose next threshold had passed, and were recomputed. */
  touched: number;
  /** Tickets that could not be recomputed (a calendar without the working time a target needs), by id. */
  refused?: string[];
}

/**
 * Keeps SLA states current without scanning every ticket: only tickets whose `slaNextChangeAt` has
 * passed are read (an indexed range query) and recomputed by a system update, whose hooks emit
 * `tickets.sla.atRisk` / `tickets.sla.breached` for each target that moved. A recomputed ticket
 * gets its next threshold (or none), so a run never touches it twice for one occasion.
 */
export async function runSlaJob(kernel: Kernel, batch: number): Promise<SlaRunReport> {
  const tickets = kernel.data<Ticket>('ticket', { actor: SYSTEM_ACTOR });
  const refused: string[] = [];
  let seen = 0;
  let cursor: string | undefined;
  // a page at a time (the store caps a page at its maxLimit, 500 by default) up to `batch`
  do {
    const page = await tickets.find({
      where: { slaNextChangeAt: { lte: isoTime(kernel.clock.now()) } },
      sort: ['slaNextChangeAt', 'id'],
      limit: Math.min(PAGE, batch - seen),
      ...(cursor ? { cursor } : {}),
    });
    for (const ticket of page.items) {
      try {
        await tickets.update(ticket.id, {});
      } catch (error) {
        // one misconfigured policy must not stop the run for every other ticket
        if (!(error instanceof ValidationError)) throw error;
        refused.push(ticket.id);
      }
    }
    seen += page.items.length;
    cursor = page.nextCursor;
  } while (cursor && seen < batch);
  return { touched: seen - refused.length, ...(refused.length > 0 ? { refused } : {}) };
}
