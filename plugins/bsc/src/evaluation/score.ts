import type { Direction, Status } from '../vocabulary.js';

/** `redAt` when a KPI gives none: 80 % of the target when higher is better, 120 % when lower is. */
export function defaultRedAt(direction: Direction): number {
  return direction === 'higher' ? 80 : 120;
}

/** A KPI's judgement for one period. */
export interface KpiJudgement {
  /** The value at which the KPI turns green: target × greenAt / 100. */
  greenValue: number;
  /** The value at or beyond which (in the bad direction) it is red: target × redAt / 100. */
  redValue: number;
  /** In [0, 1], 4 decimals. */
  score: number;
  status: Exclude<Status, 'noData'>;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * Scores an actual against its thresholds, direction-aware and linear between them:
 *
 * `score = clamp((actual − red) / (green − red), 0, 1)`, with `green = target × greenAt/100` and
 * `red = target × redAt/100`.
 *
 * Because `green − red` is negative when lower is better, the one formula serves both directions.
 * Green at score 1 (the green value reached), red at score 0 (the red value reached or passed),
 * amber between. When both thresholds coincide (a target of 0) the KPI is green if the actual is at
 * or on the good side of it, red otherwise.
 */
export function judge(
  actual: number,
  target: number,
  thresholds: { greenAt: number; redAt: number; direction: Direction },
): KpiJudgement {
  const greenValue = (target * thresholds.greenAt) / 100;
  const redValue = (target * thresholds.redAt) / 100;
  let score: number;
  if (greenValue === redValue) {
    const good = thresholds.direction === 'higher' ? actual >= greenValue : actual <= greenValue;
    score = good ? 1 : 0;
  } else {
    score = round(Math.min(1, Math.max(0, (actual - redValue) / (greenValue - redValue))));
  }
  return { greenValue, redValue, score, status: statusOfKpi(score) };
}

function statusOfKpi(score: number): KpiJudgement['status'] {
  if (score >= 1) return 'green';
  if (score <= 0) return 'red';
  return 'amber';
}

/** Where an objective's, perspective's or scorecard's weighted score turns amber and green. */
export interface StatusBands {
  /** A score at or above it is green (default 0.8). */
  green: number;
  /** A score below it is red (default 0.4). */
  red: number;
}

/** The status of a weighted score by the bands; `noData` without one. */
export function statusOfScore(score: number | null, bands: StatusBands): Status {
  if (score === null) return 'noData';
  if (score >= bands.green) return 'green';
  if (score < bands.red) return 'red';
  return 'amber';
}

/** A part of a weighted score: its weight and its score (null: no data, left out). */
export interface WeightedPart {
  weight: number;
  score: number | null;
}

/**
 * The weighted mean of the parts that have a score, and each part's share of it (its weight over
 * the total weight of the parts with a score; a part without data has share 0). Null when no part
 * with a positive weight has a score. The shares of the counted parts always total 1.
 */
export function weightedScore(parts: readonly WeightedPart[]): { score: number | null; shares: number[] } {
  const total = parts.reduce((sum, part) => (part.score === null ? sum : sum + part.weight), 0);
  if (total <= 0) return { score: null, shares: parts.map(() => 0) };
  const shares = parts.map((part) => (part.score === null ? 0 : part.weight / total));
  const score = parts.reduce((sum, part, i) => sum + (part.score ?? 0) * (shares[i] as number), 0);
  return { score: round(score), shares: shares.map(round) };
}
