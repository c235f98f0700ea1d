import type { BusinessHours, Interval } from './business-calendar.js';
import { addBusinessTime, businessTimeBetween } from './business-time.js';

/** Where one SLA target stands. Running: on track, at risk, breached or paused; done: met or missed. */
export type TargetStatus = 'onTrack' | 'atRisk' | 'breached' | 'paused' | 'met' | 'missed';

/** Every {@link TargetStatus}. */
export const TARGET_STATUSES: readonly TargetStatus[] = [
  'onTrack',
  'atRisk',
  'breached',
  'paused',
  'met',
  'missed',
];

/** What a target is measured from. */
export interface TargetClock {
  calendar: BusinessHours;
  /** When the clock started (it counts from the next opening when this is outside hours). */
  start: number;
  /** Business time allowed, in ms. */
  targetMs: number;
  /** Intervals that do not count (pausing statuses); the last may be open (`to: Infinity`). */
  paused: readonly Interval[];
  /** When the target was done (first response sent, ticket resolved); absent while running. */
  doneAt?: number;
  /** Share of the target after which a running target is at risk (0–1, default 0.8). */
  atRiskShare?: number;
}

/** The evaluated state of one target at `now`. */
export interface TargetState {
  status: TargetStatus;
  /** Business time used so far (until done, or until now). */
  usedMs: number;
  targetMs: number;
  /** The due instant; absent while paused (the clock is stopped, so nothing is due). */
  dueAt?: number;
  /** The instant this target becomes at risk; absent while paused or done. */
  atRiskAt?: number;
  /**
   * The next instant the state changes by itself (at risk, then breached); absent when nothing
   * more happens without a new event (done, paused, already breached).
   */
  nextChangeAt?: number;
}

/** Evaluates one target at `now`: a target is breached once more than `targetMs` is used. */
export function evaluateTarget(clock: TargetClock, now: number): TargetState {
  const { calendar, start, targetMs, paused } = clock;
  const share = clock.atRiskShare ?? 0.8;
  const until = clock.doneAt ?? now;
  const usedMs = businessTimeBetween(calendar, start, until, paused);
  if (clock.doneAt !== undefined) {
    const finite = paused.filter((p) => Number.isFinite(p.to));
    return {
      status: usedMs <= targetMs ? 'met' : 'missed',
      usedMs,
      targetMs,
      dueAt: addBusinessTime(calendar, start, targetMs, finite),
    };
  }
  const pausedNow = paused.some((p) => p.from <= now && now < p.to);
  if (pausedNow) return { status: usedMs > targetMs ? 'breached' : 'paused', usedMs, targetMs };
  const dueAt = addBusinessTime(calendar, start, targetMs, paused);
  const atRiskAt = addBusinessTime(calendar, start, Math.ceil(targetMs * share), paused);
  if (now > dueAt) return { status: 'breached', usedMs, targetMs, dueAt, atRiskAt };
  if (now >= atRiskAt)
    return { status: 'atRisk', usedMs, targetMs, dueAt, atRiskAt, nextChangeAt: dueAt + 1 };
  return { status: 'onTrack', usedMs, targetMs, dueAt, atRiskAt, nextChangeAt: atRiskAt };
}
