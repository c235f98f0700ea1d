import betaln from '@stdlib/math-base-special-betaln';
import gammaln from '@stdlib/math-base-special-gammaln';
import hyp2f1 from '@stdlib/math-base-special-hyp2f1';

/** ln Γ(x), stdlib's Lanczos-free Cephes port: accurate to ~1e-15 relative over the positive reals. */
export const lnGamma: (x: number) => number = gammaln;

/** ln B(a, b), computed without forming Γ(a)Γ(b) (stable for large arguments). */
export const lnBeta: (a: number, b: number) => number = betaln;

/** The Gauss hypergeometric function ₂F₁(a, b; c; z) for real arguments, |z| < 1 (stdlib). */
export const hypergeometric2F1: (a: number, b: number, c: number, z: number) => number = hyp2f1;

/** ln(eˣ + eʸ) without overflow. */
export function logAddExp(x: number, y: number): number {
  if (x === Number.NEGATIVE_INFINITY) return y;
  if (y === Number.NEGATIVE_INFINITY) return x;
  const high = Math.max(x, y);
  return high + Math.log1p(Math.exp(Math.min(x, y) - high));
}
