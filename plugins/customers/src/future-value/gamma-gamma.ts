import { FutureValueFitError } from './fit-error.js';
import { LOG_BOUND, nelderMead, withinLogBounds } from './nelder-mead.js';
import { lnGamma } from './special.js';

/** Spend histories of repeat buyers: `x` repeat purchases (> 0) and `mean` their average value. */
export interface SpendHistories {
  x: ArrayLike<number>;
  mean: ArrayLike<number>;
}

/** Gamma-Gamma parameters: spend ~ Gamma(p, ν), ν ~ Gamma(q, γ). */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** A fitted Gamma-Gamma model. */
export interface GammaGammaFit {
  params: GammaGammaParams;
  logLikelihood: number;
  customers: number;
  iterations: number;
}

/** The Gamma-Gamma log-likelihood of the repeat buyers' average spends (Fader, Hardie & Lee 2005b). */
export function gammaGammaLogLikelihood({ p, q, gamma }: GammaGammaParams, h: SpendHistories): number {
  let total = 0;
  const base = q * Math.log(gamma) - lnGamma(q);
  for (let i = 0; i < h.x.length; i++) {
    const x = h.x[i] as number;
    const m = h.mean[i] as number;
    total +=
      base +
      lnGamma(p * x + q) -
      lnGamma(p * x) +
      (p * x - 1) * Math.log(m) +
      p * x * Math.log(x) -
      (p * x + q) * Math.log(gamma + m * x);
  }
  return total;
}

/**
 * Fits Gamma-Gamma by maximum likelihood on customers with at least one repeat purchase and a
 * positive average spend (others are left out, as the model requires). Refuses fewer than
 * `minCustomers` such customers (default 5) and a fit with q ≤ 1 (no finite expected spend).
 */
export function fitGammaGamma(h: SpendHistories, minCustomers = 5): GammaGammaFit {
  const xs: number[] = [];
  const means: number[] = [];
  for (let i = 0; i < h.x.length; i++) {
    const x = h.x[i] as number;
    const m = h.mean[i] as number;
    if (x > 0 && m > 0 && Number.isFinite(m)) {
      xs.push(x);
      means.push(m);
    }
  }
  if (xs.length < minCustomers)
    throw new FutureValueFitError(
      'FUTURE_VALUE_NO_REPEAT_BUYERS',
      `the spend model needs at least ${minCustomers} repeat buyers with a positive spend; there are ${xs.length}.`,
      { repeatBuyers: xs.length, minRepeatBuyers: minCustomers },
    );
  const data = { x: xs, mean: means };
  const toParams = (v: number[]): GammaGammaParams => ({
    p: Math.exp(v[0] as number),
    q: Math.exp(v[1] as number),
    gamma: Math.exp(v[2] as number),
  });
  const found = nelderMead(
    withinLogBounds((v) => -gammaGammaLogLikelihood(toParams(v), data)),
    [0, 0, 0],
    {
      fTolerance: 1e-8,
    },
  );
  const params = toParams(found.x.map((c) => Math.max(-LOG_BOUND, Math.min(LOG_BOUND, c))));
  if (!found.converged || !Number.isFinite(found.fx) || params.q <= 1)
    throw new FutureValueFitError(
      'FUTURE_VALUE_NOT_CONVERGED',
      `the Gamma-Gamma fit did not converge to a usable model (q must exceed 1, got ${params.q.toFixed(3)}); the previous fit stays in place.`,
      { iterations: found.iterations, q: params.q },
    );
  return { params, logLikelihood: -found.fx, customers: xs.length, iterations: found.iterations };
}

/** The expected spend per purchase of a customer: a weighted mean of the population's and their own. */
export function expectedSpend({ p, q, gamma }: GammaGammaParams, x: number, mean: number): number {
  const populationMean = (p * gamma) / (q - 1);
  if (x <= 0 || !(mean > 0)) return populationMean;
  return (p * (gamma + x * mean)) / (p * x + q - 1);
}
