import { isoTime } from '@rapport/core';
import type { FutureValue } from '../entities/customer.js';
import type { FutureValueOptions } from '../options.js';
import { type BgNbdFit, expectedPurchases, fitBgNbd, pAlive } from './bg-nbd.js';
import { discountedValue } from './clv.js';
import { FutureValueFitError } from './fit-error.js';
import { expectedSpend, fitGammaGamma, type GammaGammaFit } from './gamma-gamma.js';
import { LOG_BOUND } from './nelder-mead.js';
import type { PurchaseHistories } from './purchase-occasions.js';

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
 * Fits BG/NBD and Gamma-Gamma on every buyer's purchase histories at `now` (weeks, from
 * {@link historiesAt}) and scores each buyer: Gamma-Gamma takes the mean of the repeat
 * occasions with their count, as the papers do. A refused or failed fit gives an empty map and
 * the summary's `error`, so the caller leaves the previous predictions in place.
 */
export function scoreFutureValue(
  histories: PurchaseHistories,
  now: number,
  options: FutureValueOptions,
  currency: string,
): { summary: FutureValueSummary; scores: Map<string, FutureValue> } {
  const started = performance.now();
  const { ids, x, tx, T, mean } = histories;
  const fittedAt = isoTime(now);
  const repeatBuyers = x.filter((v) => v > 0).length;
  const scores = new Map<string, FutureValue>();
  const base = { fittedAt, customers: ids.length, repeatBuyers };
  let bg: BgNbdFit;
  let gg: GammaGammaFit;
  try {
    bg = fitBgNbd({ x, tx, T }, options);
    gg = fitGammaGamma({ x, mean }, options.minRepeatBuyers);
  } catch (error) {
    if (!(error instanceof FutureValueFitError)) throw error;
    const summary = { ...base, error: { code: error.code, message: error.message } };
    return { summary: { ...summary, ms: Math.round(performance.now() - started) }, scores };
  }
  const horizon = options.horizonWeeks;
  for (let i = 0; i < ids.length; i++) {
    const h = { x: x[i] as number, tx: tx[i] as number, T: T[i] as number };
    const spend = expectedSpend(gg.params, h.x, mean[i] as number);
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
