import {
  discountedValue,
  expectedPurchases,
  expectedSpend,
  fitBgNbd,
  fitGammaGamma,
  pAlive,
} from '@rapport/plugin-customers';
import { type Row, timedRow } from '../report.js';

const row = timedRow;

/** A seeded uniform generator (LCG), so every run sees the same customers. */
function uniform(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 2 ** 32;
  };
}

/** Gamma(shape, 1) by Marsaglia–Tsang (with the shape < 1 boost). */
function gammaVariate(u: () => number, shape: number): number {
  if (shape < 1) return gammaVariate(u, shape + 1) * u() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
    const v = (1 + c * z) ** 3;
    if (v > 0 && Math.log(u()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * Purchase histories drawn from the BG/NBD and Gamma-Gamma processes with the CDNOW estimates
 * (r 0.243, α 4.414, a 0.793, b 2.426; p 6.25, q 3.74, γ 15.44): each customer's purchase
 * times (weeks since their first) and values, over ages of 1–78 weeks.
 */
function simulate(count: number) {
  const u = uniform(20_05);
  const customers: Array<{ T: number; times: number[]; values: number[] }> = [];
  for (let i = 0; i < count; i++) {
    const T = 1 + u() * 77;
    const lambda = gammaVariate(u, 0.243) / 4.414;
    const g1 = gammaVariate(u, 0.793);
    const p = g1 / (g1 + gammaVariate(u, 2.426));
    const nu = gammaVariate(u, 3.74) / 15.44;
    const times = [0];
    const values = [gammaVariate(u, 6.25) / nu];
    let t = 0;
    for (;;) {
      if (u() < p && times.length > 1) break;
      t += -Math.log(u()) / lambda;
      if (t > T) break;
      times.push(t);
      values.push(gammaVariate(u, 6.25) / nu);
    }
    customers.push({ T, times, values });
  }
  return customers;
}

/**
 * Future value at 10k and 100k customers (about 1.5 purchases each with CDNOW's rates; see the
 * row names): the baseline is one pass over the purchases that builds each customer's
 * x / t_x / T / mean spend (over all purchases, as the recompute job does), the figure the recompute job needs anyway; then the BG/NBD fit, the
 * Gamma-Gamma fit, and scoring every customer (P(alive), 52-week purchases, spend, CLV).
 * Rates are customers per second.
 */
export async function futureValueSuite(options: { sizes: number[] }): Promise<Row[]> {
  const rows: Row[] = [];
  for (const count of options.sizes) {
    const base = simulate(count);
    const purchases = base.reduce((n, c) => n + c.times.length, 0);
    const suite = `future value @${count.toLocaleString('en-US')} customers, ${purchases.toLocaleString('en-US')} purchases`;
    let started = performance.now();
    const x = new Float64Array(count);
    const tx = new Float64Array(count);
    const T = new Float64Array(count);
    const mean = new Float64Array(count);
    const spendCount = new Float64Array(count);
    base.forEach((c, i) => {
      x[i] = c.times.length - 1;
      tx[i] = c.times[c.times.length - 1] as number;
      T[i] = c.T;
      mean[i] = c.values.reduce((s, v) => s + v, 0) / c.values.length;
      spendCount[i] = c.values.length > 1 ? c.values.length : 0;
    });
    rows.push(row(suite, 'baseline: one pass over the purchases', count, performance.now() - started));
    started = performance.now();
    const bg = fitBgNbd({ x, tx, T });
    rows.push(row(suite, `fit BG/NBD, ${bg.iterations} iterations`, count, performance.now() - started));
    started = performance.now();
    const gg = fitGammaGamma({ x: spendCount, mean });
    rows.push(
      row(
        suite,
        `fit Gamma-Gamma on ${gg.customers.toLocaleString('en-US')} repeat buyers`,
        count,
        performance.now() - started,
      ),
    );
    started = performance.now();
    let equity = 0;
    for (let i = 0; i < count; i++) {
      const h = { x: x[i] as number, tx: tx[i] as number, T: T[i] as number };
      pAlive(bg.params, h.x, h.tx, h.T);
      expectedPurchases(bg.params, 52, h.x, h.tx, h.T);
      equity += discountedValue(
        bg.params,
        expectedSpend(gg.params, spendCount[i] as number, mean[i] as number),
        h,
        52,
        0.1,
      );
    }
    rows.push(row(suite, 'score every customer', count, performance.now() - started));
    const p = bg.params;
    console.log(
      `${suite}: BG/NBD r=${p.r.toFixed(3)} α=${p.alpha.toFixed(3)} a=${p.a.toFixed(3)} b=${p.b.toFixed(3)}; ` +
        `Gamma-Gamma p=${gg.params.p.toFixed(2)} q=${gg.params.q.toFixed(2)} γ=${gg.params.gamma.toFixed(2)}; equity ${equity.toFixed(0)}`,
    );
  }
  return rows;
}
