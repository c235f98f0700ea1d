/** The source of time for everything in Rapport, so timers are testable without sleeping. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to; used by tests and deterministic demos. */
export interface ManualClock extends Clock {
  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void;
  /** Jumps to an absolute time (ISO string or epoch ms); never backwards. */
  set(time: string | number): void;
}

/**
 * Creates a {@link ManualClock} starting at `start` (default 2026-01-01T00:00:00Z).
 *
 * @example
 * ```ts
 * const clock = createManualClock('2026-03-01T09:00:00Z');
 * clock.advance(60_000);
 * ```
 */
export function createManualClock(start: string | number = '2026-01-01T00:00:00.000Z'): ManualClock {
  let current = typeof start === 'number' ? start : Date.parse(start);
  if (Number.isNaN(current)) throw new TypeError(`createManualClock: '${start}' is not a valid time`);
  return {
    now: () => current,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new RangeError('ManualClock.advance needs a non-negative number');
      current += ms;
    },
    set(time) {
      const next = typeof time === 'number' ? time : Date.parse(time);
      if (Number.isNaN(next) || next < current)
        throw new RangeError(`ManualClock.set cannot move to ${time}`);
      current = next;
    },
  };
}

let lastIsoMs = Number.NaN;
let lastIso = '';

/** Formats epoch milliseconds as ISO 8601 UTC, the form every stored timestamp uses. */
export function isoTime(ms: number): string {
  // Writes that share a millisecond (a transaction, a busy server) share the string.
  if (ms !== lastIsoMs) {
    lastIso = new Date(ms).toISOString();
    lastIsoMs = ms;
  }
  return lastIso;
}
