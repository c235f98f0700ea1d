import { isoTime } from '@rapport/core';
import type { FutureValue } from '../entities/customer.js';
import type { FutureValueOptions } from '../options.js';
import type { ValueFacts } from '../recompute/value-facts.js';
import { type BgNbdFit, expectedPurchases, fitBgNbd, pAlive } from './bg-nbd.js';
import { discountedValue } from './clv.js';
import { FutureValueFitError } from './fit-error.js';
import { expectedSpend, fitGammaGamma, type GammaGammaFit } from './gamma-gamma.js';
import { LOG_BOUND } from './nelder-mead.js';

const WEEK_MS = 7 * 86_400_000;

/** What one future-value fit saw and found; `error` instead of the fits when it was refused. */
export interface FutureValueSummary {
  fittedAt: string;
  /** Customers with at least one purchase (the calibration data). */
  customers: number;
  repeatBuyers: number;
  bgNbd?: Pick<BgNbdFit, 'params' | 'logLikelihood' | 'iterations'>;
  gammaGamma?: Pick<GammaGammaFit, 'params' | 'logLikelihood' | 'iterations'>;
  error?: { code: string; message: string };
  /**
   * Parameters that ended at the optimiser's bound (e^±10): the data carry no information on
   * that direction (say, no sign of dropout, or spend not Gamma-shaped); read the predictions
   * that depend on it with care.
   */
  atBound?: string[];
  ms: number;
}

/**
 * Fits BG/NBD and Gamma-Gamma on every buyer's value facts at `now` (weeks; x = purchases − 1,
 * t_x = last − first purchase, T = now − first purchase) and scores each buyer. The value
 * records give totals, not the first purchase's amount, so Gamma-Gamma is fitted on the mean of
 * all of a repeat buyer's purchases with their count as its n (the same model, one more spend
 * observation per customer than the papers' repeat-only mean). A refused or failed fit gives an empty map and the summary's
 * `error`, so the caller leaves the previous predictions in place.
 */
export function scoreFutureValue(
  facts: Map<string, ValueFacts>,
  now: number,
  options: FutureValueOptions,
  currency: string,
): { summary: FutureValueSummary; scores: Map<string, FutureValue> } {
  const started = performance.now();
  const ids: string[] = [];
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const mean: number[] = [];
  const spendCount: number[] = [];
  for (const [id, f] of facts) {
    if (f.purchases < 1 || !f.firstPurchaseAt || !f.lastPurchaseAt) continue;
    const first = Date.parse(f.firstPurchaseAt);
    ids.push(id);
    x.push(f.purchases - 1);
    tx.push(f.purchases > 1 ? (Date.parse(f.lastPurchaseAt) - first) / WEEK_MS : 0);
    T.push(Math.max(0, (now - first) / WEEK_MS));
    mean.push(f.purchaseTotal / f.purchases);
    spendCount.push(f.purchases > 1 ? f.purchases : 0);
  }
  const fittedAt = isoTime(now);
  const repeatBuyers = x.filter((v) => v > 0).length;
  const scores = new Map<string, FutureValue>();
  const base = { fittedAt, customers: ids.length, repeatBuyers };
  let bg: BgNbdFit;
  let gg: GammaGammaFit;
  try {
    bg = fitBgNbd({ x, tx, T }, options);
    gg = fitGammaGamma({ x: spendCount, mean }, options.minRepeatBuyers);
  } catch (error) {
    if (!(error instanceof FutureValueFitError)) throw error;
    const summary = { ...base, error: { code: error.code, message: error.message } };
    return { summary: { ...summary, ms: Math.round(performance.now() - started) }, scores };
  }
  const horizon = options.horizonWeeks;
  for (let i = 0; i < ids.length; i++) {
    const h = { x: x[i] as number, tx: tx[i] as number, T: T[i] as number };
    const spend = expectedSpend(gg.params, spendCount[i] as number, mean[i] as number);
    scores.set(ids[i] as string, {
      pAlive: round(pAlive(bg.params, h.x, h.tx, h.T), 4),
      expectedPurchases: round(expectedPurchases(bg.params, horizon, h.x, h.tx, h.T), 3),
      expectedSpend: { amount: Math.round(spend), currency },
      lifetimeValue: {
        amount: Math.round(discountedValue(bg.params, spend, h, horizon, options.annualDiscountRate)),
        currency,
      },
      horizonWeeks: horizon,
      fittedAt,
    });
  }
  const bgNbd = { params: bg.params, logLikelihood: bg.logLikelihood, iterations: bg.iterations };
  const gammaGamma = { params: gg.params, logLikelihood: gg.logLikelihood, iterations: gg.iterations };
  const atBound = Object.entries({ ...bg.params, ...gg.params })
    .filter(([, v]) => Math.abs(Math.log(v)) >= LOG_BOUND - 1e-6)
    .map(([k]) => k);
  return {
    summary: { ...base, bgNbd, gammaGamma, atBound, ms: Math.round(performance.now() - started) },
    scores,
  };
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
