/**
 * Stage numbers for ordering taps (`tapPromise({ name, stage }, fn)`): lower runs first.
 * Use these rather than magic numbers.
 */
export const HookStage = {
  /** Normalisers that others rely on (e.g. phone formatting). */
  EARLY: -100,
  /** The default. */
  NORMAL: 0,
  /** Observers that want the final value (e.g. stamping, denormalised totals). */
  LATE: 100,
} as const;
