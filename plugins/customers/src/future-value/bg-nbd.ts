import { FutureValueFitError } from './fit-error.js';
import { LOG_BOUND, nelderMead, withinLogBounds } from './nelder-mead.js';
import { hypergeometric2F1, lnGamma, logAddExp } from './special.js';

/**
 * Purchase histories in columns, one entry per customer: `x` repeat purchases, `tx` the time of
 * the last one and `T` the customer's age, both measured from the first purchase in the model's
 * time unit (weeks here). A customer with one purchase has x = 0, tx = 0.
 */
export interface Histories {
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  T: ArrayLike<number>;
}

/** BG/NBD parameters: purchase rates ~ Gamma(r, α); dropout probabilities ~ Beta(a, b). */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** A fitted BG/NBD model. */
export interface BgNbdFit {
  params: BgNbdParams;
  logLikelihood: number;
  customers: number;
  repeatBuyers: number;
  iterations: number;
}

/** Refusal thresholds of {@link fitBgNbd}. */
export interface FitLimits {
  /** Default 30: fewer customers cannot pin down four parameters. */
  minCustomers?: number;
  /** Default 5. */
  minRepeatBuyers?: number;
}

/** The BG/NBD log-likelihood of every history (Fader, Hardie & Lee 2005, eq. 6), summed in log space. */
export function bgNbdLogLikelihood({ r, alpha, a, b }: BgNbdParams, h: Histories): number {
  const n = h.x.length;
  const base = -lnGamma(r) + r * Math.log(alpha) + lnGamma(a + b) - lnGamma(b);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const x = h.x[i] as number;
    const tx = h.tx[i] as number;
    const T = h.T[i] as number;
    const a1 = lnGamma(r + x) + lnGamma(b + x) - lnGamma(a + b + x);
    const a3 = -(r + x) * Math.log(alpha + T);
    const a4 =
      x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : Number.NEGATIVE_INFINITY;
    total += base + a1 + logAddExp(a3, a4);
  }
  return total;
}

/**
 * Fits BG/NBD by maximum likelihood: Nelder–Mead on the log-parameters (so all four stay
 * positive) from r = α = a = b = 1. Refuses too few customers or repeat buyers and reports a fit
 * that does not converge, each as a {@link FutureValueFitError}.
 */
export function fitBgNbd(h: Histories, limits: FitLimits = {}): BgNbdFit {
  checkHistories(h);
  const customers = h.x.length;
  let repeatBuyers = 0;
  for (let i = 0; i < customers; i++) if ((h.x[i] as number) > 0) repeatBuyers++;
  const minCustomers = limits.minCustomers ?? 30;
  const minRepeat = limits.minRepeatBuyers ?? 5;
  if (customers < minCustomers)
    throw new FutureValueFitError(
      'FUTURE_VALUE_TOO_FEW_CUSTOMERS',
      `future value needs at least ${minCustomers} customers with a purchase; there are ${customers}.`,
      { customers, minCustomers },
    );
  if (repeatBuyers < minRepeat)
    throw new FutureValueFitError(
      'FUTURE_VALUE_NO_REPEAT_BUYERS',
      `future value needs at least ${minRepeat} customers with a repeat purchase; there are ${repeatBuyers}.`,
      { repeatBuyers, minRepeatBuyers: minRepeat },
    );
  const toParams = (v: number[]): BgNbdParams => ({
    r: Math.exp(v[0] as number),
    alpha: Math.exp(v[1] as number),
    a: Math.exp(v[2] as number),
    b: Math.exp(v[3] as number),
  });
  const found = nelderMead(
    withinLogBounds((v) => -bgNbdLogLikelihood(toParams(v), h)),
    [0, 0, 0, 0],
    { fTolerance: 1e-8 },
  );
  if (!found.converged || !Number.isFinite(found.fx))
    throw new FutureValueFitError(
      'FUTURE_VALUE_NOT_CONVERGED',
      `the BG/NBD fit did not converge in ${found.iterations} iterations; the previous fit stays in place.`,
      { iterations: found.iterations },
    );
  return {
    params: toParams(found.x.map((c) => Math.max(-LOG_BOUND, Math.min(LOG_BOUND, c)))),
    logLikelihood: -found.fx,
    customers,
    repeatBuyers,
    iterations: found.iterations,
  };
}

function checkHistories(h: Histories): void {
  if (h.x.length !== h.tx.length || h.x.length !== h.T.length)
    throw new FutureValueFitError('FUTURE_VALUE_BAD_INPUT', 'x, tx and T must have one entry per customer.');
  for (let i = 0; i < h.x.length; i++) {
    const x = h.x[i] as number;
    const tx = h.tx[i] as number;
    const T = h.T[i] as number;
    if (!(Number.isInteger(x) && x >= 0 && tx >= 0 && T >= tx && (x > 0 || tx === 0)))
      throw new FutureValueFitError(
        'FUTURE_VALUE_BAD_INPUT',
        `history ${i} breaks 0 ≤ tx ≤ T with integer x ≥ 0 (x=${x}, tx=${tx}, T=${T}).`,
        { index: i },
      );
  }
}

/** The probability that a customer with this history is still alive (FHL 2005, eq. 12). */
export function pAlive({ r, alpha, a, b }: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const logRatio = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logRatio));
}

/**
 * Expected purchases in the next `t` time units of a customer with this history (FHL 2005,
 * eq. 10), with ₂F₁ from stdlib. Never negative.
 */
export function expectedPurchases(
  { r, alpha, a, b }: BgNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  if (t <= 0) return 0;
  const z = t / (alpha + T + t);
  const f = hypergeometric2F1(r + x, b + x, a + b + x - 1, z);
  const head = (a + b + x - 1) / (a - 1);
  const tail = 1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * f;
  const alive = x > 0 ? (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x) : 0;
  return Math.max(0, (head * tail) / (1 + alive));
}
