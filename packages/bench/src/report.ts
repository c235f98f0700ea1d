import type { Bench } from 'tinybench';

/** One benchmark's figures. */
export interface Row {
  suite: string;
  name: string;
  opsPerSec: number;
  meanUs: number;
  p99Us: number;
  samples: number;
  /** The ratio to the baseline when the suite measured it itself (paired rounds); else computed. */
  ratio?: number;
}

/** Reads a finished tinybench run into rows. */
export function rowsOf(suite: string, bench: Bench): Row[] {
  return bench.tasks.map((task) => {
    const result = task.result as unknown as {
      throughput?: { mean: number };
      latency?: { mean: number; p99?: number; samplesCount?: number };
    };
    const latencyMs = result.latency?.mean ?? Number.NaN;
    return {
      suite,
      name: task.name,
      opsPerSec: result.throughput?.mean ?? 1_000 / latencyMs,
      meanUs: latencyMs * 1_000,
      p99Us: (result.latency?.p99 ?? Number.NaN) * 1_000,
      samples: result.latency?.samplesCount ?? 0,
    };
  });
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '–';

/**
 * A markdown table; the ratio is a row's own `ratio`, else its throughput over the suite's first
 * row (its baseline).
 */
export function toMarkdown(rows: Row[]): string {
  const lines = [
    '| suite | benchmark | ops/s | mean µs | p99 µs | vs baseline |',
    '|---|---|---:|---:|---:|---:|',
  ];
  const baselines = new Map<string, number>();
  for (const row of rows) {
    if (!baselines.has(row.suite)) baselines.set(row.suite, row.opsPerSec);
    const ratio = row.ratio ?? row.opsPerSec / (baselines.get(row.suite) ?? row.opsPerSec);
    lines.push(
      `| ${row.suite} | ${row.name} | ${fmt(row.opsPerSec)} | ${fmt(row.meanUs, 2)} | ${fmt(row.p99Us, 2)} | ${fmt(ratio, 3)}x |`,
    );
  }
  return lines.join('\n');
}

/** A row for a one-shot timed step: `count` items in `ms`, as items per second, the time in the name. */
export const timedRow = (suite: string, name: string, count: number, ms: number): Row => ({
  suite,
  name: `${name} (${(ms / 1_000).toFixed(2)} s)`,
  opsPerSec: (count / ms) * 1_000,
  meanUs: Number.NaN,
  p99Us: Number.NaN,
  samples: 1,
});
