import { type BgNbdParams, expectedPurchases } from './bg-nbd.js';

/** Weeks in a (Gregorian) year and month: the model's time unit is the week. */
export const WEEKS_PER_YEAR = 365.2425 / 7;
const WEEKS_PER_MONTH = WEEKS_PER_YEAR / 12;

/**
 * Discounted lifetime value over `horizonWeeks`: the expected purchases of each month of the
 * horizon times the expected spend per purchase, discounted at `annualDiscountRate` (0.1 = 10 %
 * a year) to the end of that month, as Fader, Hardie & Lee's iso-value paper does in
 * discrete time.
 */
export function discountedValue(
  params: BgNbdParams,
  spend: number,
  history: { x: number; tx: number; T: number },
  horizonWeeks: number,
  annualDiscountRate: number,
): number {
  const months = Math.max(1, Math.round(horizonWeeks / WEEKS_PER_MONTH));
  const step = horizonWeeks / months;
  let previous = 0;
  let total = 0;
  for (let k = 1; k <= months; k++) {
    const t = k * step;
    const cumulative = expectedPurchases(params, t, history.x, history.tx, history.T);
    total += (spend * Math.max(0, cumulative - previous)) / (1 + annualDiscountRate) ** (t / WEEKS_PER_YEAR);
    previous = cumulative;
  }
  return total;
}
