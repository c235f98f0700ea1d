import type { Row } from './report.js';

/** Throughput and latency figures of one measurement. */
export type Figures = Pick<Row, 'opsPerSec' | 'meanUs' | 'p99Us' | 'samples'>;

/** Runs `op` from `workers` concurrent loops for `ms` (after a short warm-up) and measures it. */
export async function concurrently(workers: number, ms: number, op: () => Promise<void>): Promise<Figures> {
  const run = async (duration: number): Promise<{ latencies: number[]; elapsed: number }> => {
    const latencies: number[] = [];
    const start = performance.now();
    const deadline = start + duration;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (performance.now() < deadline) {
          const begin = performance.now();
          await op();
          latencies.push(performance.now() - begin);
        }
      }),
    );
    return { latencies, elapsed: performance.now() - start };
  };
  await run(Math.min(200, ms / 4));
  const { latencies, elapsed } = await run(ms);
  latencies.sort((a, b) => a - b);
  const mean = latencies.reduce((sum, value) => sum + value, 0) / latencies.length;
  return {
    opsPerSec: latencies.length / (elapsed / 1_000),
    meanUs: mean * 1_000,
    p99Us: (latencies[Math.floor(latencies.length * 0.99)] ?? Number.NaN) * 1_000,
    samples: latencies.length,
  };
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
