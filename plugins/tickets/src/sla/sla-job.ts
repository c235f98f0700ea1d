import { isoTime, type Kernel, SYSTEM_ACTOR, ValidationError } from '@rapport/core';
import type { Ticket } from '../entities/ticket.js';

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
  const due = await tickets.find({
    where: { slaNextChangeAt: { lte: isoTime(kernel.clock.now()) } },
    sort: ['slaNextChangeAt'],
    limit: batch,
  });
  const refused: string[] = [];
  for (const ticket of due.items) {
    try {
      await tickets.update(ticket.id, {});
    } catch (error) {
      // one misconfigured policy must not stop the run for every other ticket
      if (!(error instanceof ValidationError)) throw error;
      refused.push(ticket.id);
    }
  }
  return { touched: due.items.length - refused.length, ...(refused.length > 0 ? { refused } : {}) };
}
