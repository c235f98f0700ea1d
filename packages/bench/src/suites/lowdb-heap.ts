import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HeapReport } from '../heap/heap-child.js';
import { type HeapPhase, heapTable } from '../heap/heap-table.js';

/** Options of {@link lowdbHeapSuite}. */
export interface LowdbHeapOptions {
  /** Customer counts (default 100,000 and 1,000,000). */
  sizes: number[];
  /** `--max-old-space-size` of the children in MB, so a heap past Node's default limit can still be measured. */
  maxOldSpaceMb: number;
}

/** Reads the suite's settings: `BENCH_HEAP_SIZES` (default `100000,1000000`), `BENCH_HEAP_MAX_OLD_MB` (default 16384). */
export function lowdbHeapOptionsFromEnv(env: NodeJS.ProcessEnv): LowdbHeapOptions {
  return {
    sizes: (env.BENCH_HEAP_SIZES ?? '100000,1000000').split(',').map(Number),
    maxOldSpaceMb: Number(env.BENCH_HEAP_MAX_OLD_MB ?? 16_384),
  };
}

async function runChild(
  env: Record<string, string>,
  maxOldSpaceMb: number,
): Promise<HeapReport | { error: string }> {
  const script = fileURLToPath(new URL('../heap/heap-child.js', import.meta.url));
  const child = spawn(process.execPath, ['--expose-gc', `--max-old-space-size=${maxOldSpaceMb}`, script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    errors += chunk;
    process.stderr.write(chunk);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  const line = output.trim().split('\n').pop();
  if (code === 0 && line) return JSON.parse(line) as HeapReport;
  // The first line that says what went wrong (an out-of-memory crash, a store that cannot open).
  const reason = errors.split('\n').find((text) => /Error|heap out of memory|did not open/.test(text));
  return { error: `exited with ${code}: ${(reason ?? 'no message').trim().slice(0, 300)}` };
}

/**
 * The embedded store's heap: for each size, a process seeds that many demo customers through the
 * kernel into an empty lowdb folder (each with its audit record) and exits without closing, as a
 * crash would; a second opens the folder (snapshot and journal replay) and closes it; a third
 * opens the clean folder (snapshot only). Each measures `heapUsed` after forced full GCs, before
 * and after, in a process of its own.
 */
export async function lowdbHeapSuite(options: LowdbHeapOptions): Promise<string> {
  const phases: HeapPhase[] = [];
  for (const size of options.sizes) {
    const dir = await mkdtemp(join(tmpdir(), `rapport-bench-heap-${size}-`));
    try {
      const env = { HEAP_DIR: dir, HEAP_SIZE: String(size) };
      phases.push({
        size,
        label: 'seeded through the kernel',
        report: await runChild({ ...env, HEAP_MODE: 'seed' }, options.maxOldSpaceMb),
      });
      phases.push({
        size,
        label: 'reopened: snapshot + journal replay',
        report: await runChild({ ...env, HEAP_MODE: 'reopen' }, options.maxOldSpaceMb),
      });
      phases.push({
        size,
        label: 'reopened: snapshot only',
        report: await runChild({ ...env, HEAP_MODE: 'reopen' }, options.maxOldSpaceMb),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return heapTable(phases);
}
