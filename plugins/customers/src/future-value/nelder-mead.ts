/** What {@link nelderMead} found. */
export interface Minimum {
  x: number[];
  fx: number;
  iterations: number;
  /** The simplex shrank below the tolerances before the iteration limit. */
  converged: boolean;
}

/** Options of {@link nelderMead}. */
export interface NelderMeadOptions {
  /** Stop when the simplex's values differ by less than this (absolute). Default 1e-9. */
  fTolerance?: number;
  /** …and its vertices by less than this in every coordinate. Default 1e-7. */
  xTolerance?: number;
  /** Default 5000. */
  maxIterations?: number;
  /** Size of the initial simplex's steps. Default 0.5. */
  step?: number;
}

/**
 * Minimises `f` with the Nelder–Mead simplex method (Lagarias et al. 1998 coefficients:
 * reflection 1, expansion 2, contraction ½, shrink ½), restarting once from the best point so a
 * collapsed simplex cannot stop it early. Non-finite values count as +∞, so a likelihood that is
 * undefined at a point steers the simplex away instead of poisoning it.
 */
export function nelderMead(
  f: (x: number[]) => number,
  start: number[],
  options: NelderMeadOptions = {},
): Minimum {
  const first = run(f, start, options);
  const second = run(f, first.x, options);
  return { ...second, iterations: first.iterations + second.iterations, converged: second.converged };
}

function run(f: (x: number[]) => number, start: number[], options: NelderMeadOptions): Minimum {
  const fTol = options.fTolerance ?? 1e-9;
  const xTol = options.xTolerance ?? 1e-7;
  const maxIterations = options.maxIterations ?? 5000;
  const step = options.step ?? 0.5;
  const n = start.length;
  const value = (x: number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  let simplex = [start.slice()];
  for (let i = 0; i < n; i++) {
    const vertex = start.slice();
    vertex[i] = (vertex[i] as number) + step;
    simplex.push(vertex);
  }
  let values = simplex.map(value);
  const along = (from: number[], to: number[], t: number) =>
    from.map((v, i) => v + t * ((to[i] as number) - v));
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const order = values.map((_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number));
    simplex = order.map((i) => simplex[i] as number[]);
    values = order.map((i) => values[i] as number);
    const best = simplex[0] as number[];
    const worstValue = values[n] as number;
    const spreadF = Math.abs(worstValue - (values[0] as number));
    const spreadX = Math.max(
      ...simplex.slice(1).map((v) => Math.max(...v.map((c, i) => Math.abs(c - (best[i] as number))))),
    );
    if (spreadF <= fTol && spreadX <= xTol)
      return { x: best, fx: values[0] as number, iterations, converged: true };
    const centroid = new Array<number>(n).fill(0);
    for (let k = 0; k < n; k++)
      for (let i = 0; i < n; i++) centroid[i] = (centroid[i] as number) + (simplex[k]?.[i] as number) / n;
    const worst = simplex[n] as number[];
    const reflected = along(centroid, worst, -1);
    const fr = value(reflected);
    if (fr < (values[0] as number)) {
      const expanded = along(centroid, worst, -2);
      const fe = value(expanded);
      [simplex[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
      continue;
    }
    if (fr < (values[n - 1] as number)) {
      [simplex[n], values[n]] = [reflected, fr];
      continue;
    }
    const outside = fr < worstValue;
    const contracted = along(centroid, worst, outside ? -0.5 : 0.5);
    const fc = value(contracted);
    if (fc < (outside ? fr : worstValue)) {
      [simplex[n], values[n]] = [contracted, fc];
      continue;
    }
    for (let k = 1; k <= n; k++) {
      simplex[k] = along(best, simplex[k] as number[], 0.5);
      values[k] = value(simplex[k] as number[]);
    }
  }
  const at = values.indexOf(Math.min(...values));
  return { x: simplex[at] as number[], fx: values[at] as number, iterations, converged: false };
}

/** Log-parameters are kept within ±this (parameters within e^±10 ≈ 4.5e-5 … 22,026). */
export const LOG_BOUND = 10;

/**
 * Wraps an objective over log-parameters with a steep quadratic wall beyond ±{@link LOG_BOUND},
 * so a likelihood that keeps improving as a parameter runs off to 0 or ∞ (a deployment with no
 * sign of dropout, say) settles at the bound instead of never converging. Inside the bounds the
 * objective is unchanged.
 */
export function withinLogBounds(f: (v: number[]) => number): (v: number[]) => number {
  return (v) => {
    let wall = 0;
    for (const c of v) {
      const excess = Math.abs(c) - LOG_BOUND;
      if (excess > 0) wall += 1e6 * excess * excess;
    }
    return f(v.map((c) => Math.max(-LOG_BOUND, Math.min(LOG_BOUND, c)))) + wall;
  };
}
