import { type BgNbdParams, expectedPurchases, type Histories } from './bg-nbd.js';

/** Predicted against actual repeat purchases in a holdout window, in total and by calibration count. */
export interface HoldoutReport {
  weeks: number;
  predicted: number;
  actual: number;
  /** Groups by calibration repeat purchases 0, 1, …, `maxGroup`+ (the papers use 0–7+). */
  byCalibrationCount: Array<{ x: string; customers: number; predicted: number; actual: number }>;
}

/**
 * The check the literature runs on these models: for each customer, the purchases the model
 * expects in the `weeks` after calibration against those that happened (`actual[i]`), summed.
 */
export function holdoutReport(
  params: BgNbdParams,
  calibration: Histories,
  actual: ArrayLike<number>,
  weeks: number,
  maxGroup = 7,
): HoldoutReport {
  const groups = Array.from({ length: maxGroup + 1 }, (_, g) => ({
    x: g === maxGroup ? `${g}+` : String(g),
    customers: 0,
    predicted: 0,
    actual: 0,
  }));
  let predicted = 0;
  let total = 0;
  for (let i = 0; i < calibration.x.length; i++) {
    const x = calibration.x[i] as number;
    const p = expectedPurchases(params, weeks, x, calibration.tx[i] as number, calibration.T[i] as number);
    const group = groups[Math.min(x, maxGroup)] as (typeof groups)[number];
    group.customers += 1;
    group.predicted += p;
    group.actual += actual[i] as number;
    predicted += p;
    total += actual[i] as number;
  }
  return { weeks, predicted, actual: total, byCalibrationCount: groups };
}
