import {
  discountedValue,
  expectedPurchases,
  expectedSpend,
  fitBgNbd,
  fitGammaGamma,
  pAlive,
} from '@rapport/plugin-customers';
import { simulatePurchases } from '../fixtures/purchase-simulation.js';
import { type Row, timedRow } from '../report.js';
import { futureValueKernelRows } from './future-value-kernel.js';

const row = timedRow;

/**
 * Future value at 10k and 100k customers (about 1.5 purchases each with CDNOW's rates; see the
 * row names): the baseline is one pass over the purchases that builds each customer's
 * x / t_x / T / mean repeat spend, the figures the models take; then the BG/NBD fit, the
 * Gamma-Gamma fit, and scoring every customer (P(alive), 52-week purchases, spend, CLV).
 * Rates are customers per second.
 */
export async function futureValueSuite(options: { sizes: number[] }): Promise<Row[]> {
  const rows: Row[] = [];
  for (const count of options.sizes) {
    const base = simulatePurchases(count);
    const purchases = base.reduce((n, c) => n + c.times.length, 0);
    const suite = `future value @${count.toLocaleString('en-US')} customers, ${purchases.toLocaleString('en-US')} purchases`;
    let started = performance.now();
    const x = new Float64Array(count);
    const tx = new Float64Array(count);
    const T = new Float64Array(count);
    const mean = new Float64Array(count);
    base.forEach((c, i) => {
      x[i] = c.times.length - 1;
      tx[i] = c.times[c.times.length - 1] as number;
      T[i] = c.T;
      mean[i] =
        c.values.length > 1 ? c.values.slice(1).reduce((s, v) => s + v, 0) / (c.values.length - 1) : 0;
    });
    rows.push(row(suite, 'baseline: one pass over the purchases', count, performance.now() - started));
    started = performance.now();
    const bg = fitBgNbd({ x, tx, T });
    rows.push(row(suite, `fit BG/NBD, ${bg.iterations} iterations`, count, performance.now() - started));
    started = performance.now();
    const gg = fitGammaGamma({ x, mean });
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
        expectedSpend(gg.params, x[i] as number, mean[i] as number),
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
  rows.push(...(await futureValueKernelRows(options)));
  return rows;
}
