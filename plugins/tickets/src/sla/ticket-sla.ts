import type { BusinessHours } from './business-calendar.js';
import { evaluateTarget, type TargetState } from './sla-target.js';
import { currentStatus, intervalsIn, type StatusMark } from './status-clock.js';

/** Statuses in which a ticket is done: the resolution clock stops there. */
export const DONE_STATUSES: ReadonlySet<string> = new Set(['resolved', 'closed']);

/** One message on a ticket, as far as the SLA cares. */
export interface SlaReply {
  at: number;
  /** Who wrote it: an agent, the customer, or the system (automatic acknowledgements). */
  author: 'agent' | 'customer' | 'system';
  /** A public reply (false: an internal note). */
  public: boolean;
  /** Sent on a customer-facing channel (e-mail, SMS, portal, phone log); false for internal tools. */
  customerFacing?: boolean;
}

/** The targets of a policy, in ms of business time, and its pausing statuses. */
export interface SlaTargets {
  firstResponseMs?: number;
  resolutionMs?: number;
  /** After each customer reply that follows an agent's reply, the next agent reply is due within this. */
  nextResponseMs?: number;
  pauseStatuses: readonly string[];
  atRiskShare?: number;
}

/** What the SLA of one ticket is computed from: its start, its status history and its replies. */
export interface SlaInput {
  createdAt: number;
  history: readonly StatusMark[];
  replies: readonly SlaReply[];
}

/** The state of every target of a ticket, and when the job must look at it next. */
export interface TicketSla {
  firstResponse?: TargetState;
  resolution?: TargetState;
  nextResponse?: TargetState;
  /** The earliest instant a target changes state by itself; absent when none will. */
  nextChangeAt?: number;
  /** The earliest due time of a running target: the queue's urgency order. */
  nearestDueAt?: number;
}

/** The first response: the first public reply by an agent on a customer-facing channel. */
export function isFirstResponse(reply: SlaReply): boolean {
  return reply.author === 'agent' && reply.public && reply.customerFacing !== false;
}

/**
 * Computes every target from scratch, so a priority change (new targets), a late status record or
 * a reopen gives the same answer as live tracking:
 * - pausing statuses stop every running clock (replayed from the status history, like Zammad);
 * - resolution counts from creation; time spent resolved or closed before a reopen is not counted,
 *   so reopening resumes the clock where it stopped;
 * - the next response runs from the first customer reply after an agent's reply, until the next
 *   agent reply; the latest such occasion is reported.
 */
export function computeTicketSla(
  calendar: BusinessHours,
  targets: SlaTargets,
  input: SlaInput,
  now: number,
): TicketSla {
  const pauses = new Set(targets.pauseStatuses);
  const paused = intervalsIn(input.history, pauses);
  const replies = [...input.replies].sort((a, b) => a.at - b.at);
  const share = targets.atRiskShare;
  const sla: TicketSla = {};
  const first = replies.find(isFirstResponse);
  const status = currentStatus(input.history)?.status;
  const done = status !== undefined && DONE_STATUSES.has(status);
  const doneRuns = intervalsIn(input.history, DONE_STATUSES);
  const resolvedAt = done ? doneRuns.at(-1)?.from : undefined;
  if (targets.firstResponseMs !== undefined) {
    sla.firstResponse = evaluateTarget(
      {
        calendar,
        start: input.createdAt,
        targetMs: targets.firstResponseMs,
        paused,
        doneAt: first?.at ?? resolvedAt,
        atRiskShare: share,
      },
      now,
    );
  }
  if (targets.resolutionMs !== undefined) {
    sla.resolution = evaluateTarget(
      {
        calendar,
        start: input.createdAt,
        targetMs: targets.resolutionMs,
        paused: intervalsIn(input.history, new Set([...pauses, ...DONE_STATUSES])),
        doneAt: resolvedAt,
        atRiskShare: share,
      },
      now,
    );
  }
  if (targets.nextResponseMs !== undefined && first) {
    let waitingSince: number | undefined;
    for (const reply of replies) {
      if (reply.at <= first.at) continue;
      if (reply.author === 'customer' && waitingSince === undefined) {
        waitingSince = reply.at;
      } else if (isFirstResponse(reply) && waitingSince !== undefined) {
        sla.nextResponse = evaluateTarget(
          {
            calendar,
            start: waitingSince,
            targetMs: targets.nextResponseMs,
            paused,
            doneAt: reply.at,
            atRiskShare: share,
          },
          now,
        );
        waitingSince = undefined;
      }
    }
    if (waitingSince !== undefined) {
      sla.nextResponse = evaluateTarget(
        {
          calendar,
          start: waitingSince,
          targetMs: targets.nextResponseMs,
          paused,
          doneAt: resolvedAt,
          atRiskShare: share,
        },
        now,
      );
    }
  }
  for (const state of [sla.firstResponse, sla.resolution, sla.nextResponse]) {
    if (!state) continue;
    if (state.nextChangeAt !== undefined)
      sla.nextChangeAt = Math.min(sla.nextChangeAt ?? Infinity, state.nextChangeAt);
    const running = state.status === 'onTrack' || state.status === 'atRisk' || state.status === 'breached';
    if (running && state.dueAt !== undefined)
      sla.nearestDueAt = Math.min(sla.nearestDueAt ?? Infinity, state.dueAt);
  }
  return sla;
}
