/** Conversions in one arm of a campaign: how many members, how many converted. */
export interface Arm {
  members: number;
  converted: number;
}

/** The lift of the treated arm over the control arm, with a 95 % confidence interval. */
export interface Lift {
  treatedRate: number;
  controlRate: number;
  /** `treatedRate − controlRate`: conversions the campaign caused per member sent to. */
  absolute: number;
  /** `absolute / controlRate` (null when the control group did not convert at all). */
  relative: number | null;
  /** The 95 % Wald interval of `absolute`: `absolute ± 1.96·√(pₜ(1−pₜ)/nₜ + p꜀(1−p꜀)/n꜀)`. */
  ci95: [number, number];
  /** The interval excludes 0. */
  significant: boolean;
}

/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

/**
 * The lift of `treated` over `control` — the difference of two proportions with its Wald
 * interval; null when either arm is empty (no control group, nobody sent to).
 *
 * @example
 * ```ts
 * lift({ members: 1000, converted: 120 }, { members: 1000, converted: 80 });
 * // { absolute: 0.04, ci95: [0.01376, 0.06624], relative: 0.5, significant: true, ... }
 * ```
 */
export function lift(treated: Arm, control: Arm): Lift | null {
  if (treated.members === 0 || control.members === 0) return null;
  const pt = treated.converted / treated.members;
  const pc = control.converted / control.members;
  const absolute = pt - pc;
  const se = Math.sqrt((pt * (1 - pt)) / treated.members + (pc * (1 - pc)) / control.members);
  const ci95: [number, number] = [absolute - Z95 * se, absolute + Z95 * se];
  return {
    treatedRate: pt,
    controlRate: pc,
    absolute,
    relative: pc === 0 ? null : absolute / pc,
    ci95,
    significant: ci95[0] > 0 || ci95[1] < 0,
  };
}
