import { AsyncSeriesHook, AsyncSeriesWaterfallHook } from 'tapable';
import { Bench } from 'tinybench';
import { type Row, rowsOf } from '../report.js';

const TAPS = 10;

/** Hook dispatch with 10 async taps, beside a bare loop awaiting the same 10 functions. */
export async function hookSuite(time: number): Promise<Row[]> {
  const fns = Array.from({ length: TAPS }, (_, i) => async (value: number) => value + i);
  const series = new AsyncSeriesHook<[number]>(['value']);
  const waterfall = new AsyncSeriesWaterfallHook<[number]>(['value']);
  fns.forEach((fn, i) => {
    series.tapPromise(`tap${i}`, fn as unknown as (value: number) => Promise<void>);
    waterfall.tapPromise(`tap${i}`, fn);
  });
  const bench = new Bench({ time, warmupTime: Math.min(200, time / 4) });
  bench
    .add('baseline: for-loop awaiting 10 async functions', async () => {
      let value = 0;
      for (const fn of fns) value = await fn(value);
    })
    .add('AsyncSeriesHook, 10 tapPromise taps', async () => {
      await series.promise(1);
    })
    .add('AsyncSeriesWaterfallHook, 10 tapPromise taps', async () => {
      await waterfall.promise(0);
    });
  await bench.run();
  return rowsOf('hooks (10 taps)', bench);
}
