import { getHeapStatistics } from 'node:v8';
import type { FieldError, Kernel } from '@rapport/core';

/** The two figures of `v8.getHeapStatistics()` the watch reads. */
export interface HeapFigures {
  used_heap_size: number;
  heap_size_limit: number;
}

/** Options of the heap watch (`ServerOptions.heap`, `ServeOptions.heap`). */
export interface HeapWatchOptions {
  /** Share of the heap limit from which the server warns (default 0.8). */
  threshold?: number;
  /** Where the figures come from (default `v8.getHeapStatistics`); tests inject their own. */
  statistics?: () => HeapFigures;
  /** How often `serveRapport` checks, in ms (default 30 s); while the heap stays high it warns again every 15 minutes. */
  intervalMs?: number;
}

/** How full the heap is, as `/readyz` reports it. */
export interface HeapStatus {
  usedBytes: number;
  limitBytes: number;
  /** `usedBytes / limitBytes`, rounded to 3 digits. */
  ratio: number;
  /** Set once the ratio reaches the threshold: what is wrong and what to do. */
  warning?: string;
}

/** What is wrong with heap watch options (`path` names the option); empty when they are fine. */
export function heapOptionProblems(value: unknown, path = 'heap'): FieldError[] {
  if (value === undefined || value === false) return [];
  const errors: FieldError[] = [];
  const push = (at: string, message: string) => errors.push({ path: at, rule: 'heap', message });
  if (typeof value !== 'object' || value === null)
    return [{ path, rule: 'heap', message: 'must be { threshold?, statistics?, intervalMs? }' }];
  const { threshold, statistics, intervalMs, ...rest } = value as Record<string, unknown>;
  for (const key of Object.keys(rest))
    push(`${path}.${key}`, 'is not an option (known: threshold, statistics, intervalMs)');
  if (threshold !== undefined && (typeof threshold !== 'number' || !(threshold > 0 && threshold <= 1))) {
    push(
      `${path}.threshold`,
      `must be a share of the heap limit above 0 and at most 1, got ${String(threshold)}`,
    );
  }
  if (statistics !== undefined && typeof statistics !== 'function')
    push(`${path}.statistics`, 'must be a function');
  if (intervalMs !== undefined && (!Number.isInteger(intervalMs) || (intervalMs as number) < 1)) {
    push(
      `${path}.intervalMs`,
      `must be a whole number of milliseconds, at least 1, got ${String(intervalMs)}`,
    );
  }
  return errors;
}

/** The default share of the heap limit from which the server warns. */
export const HEAP_WARNING_THRESHOLD = 0.8;
const REPEAT_MS = 15 * 60_000;

const mb = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;

/**
 * How full the V8 heap is, and a warning from `threshold` on. With the embedded lowdb store,
 * whose records live in this heap, the warning says to move to PostgreSQL with `rapport migrate`
 * before the process runs out of memory.
 */
export function heapStatus(kernel: Kernel, options: HeapWatchOptions = {}): HeapStatus {
  const figures = (options.statistics ?? getHeapStatistics)();
  const ratio = figures.heap_size_limit > 0 ? figures.used_heap_size / figures.heap_size_limit : 0;
  const status: HeapStatus = {
    usedBytes: figures.used_heap_size,
    limitBytes: figures.heap_size_limit,
    ratio: Math.round(ratio * 1_000) / 1_000,
  };
  if (ratio < (options.threshold ?? HEAP_WARNING_THRESHOLD)) return status;
  const used = `the heap holds ${mb(figures.used_heap_size)}, ${Math.round(ratio * 100)}% of its ${mb(figures.heap_size_limit)} limit`;
  status.warning =
    kernel.store.name === 'lowdb'
      ? `${used}: the embedded lowdb store keeps its records in memory and is near its practical size. ` +
        'Move the data to PostgreSQL with `rapport migrate --from lowdb:<data folder> --to postgres:<url>` ' +
        '(server stopped), or raise the limit with node --max-old-space-size meanwhile'
      : `${used}: the process may run out of memory; raise node --max-old-space-size or find what holds it`;
  return status;
}

/**
 * Checks the heap every `intervalMs` and logs a warning on the kernel's logger once it nears its
 * limit (again every 15 minutes while it stays there, and an info line once it is back below).
 * Returns the function that stops the checks.
 */
export function watchHeap(kernel: Kernel, options: HeapWatchOptions = {}): () => void {
  let warnedAt: number | undefined;
  const check = (): void => {
    const { warning, ...figures } = heapStatus(kernel, options);
    const now = Date.now();
    if (warning && (warnedAt === undefined || now - warnedAt >= REPEAT_MS)) {
      warnedAt = now;
      kernel.logger.warn({ heap: figures, store: kernel.store.name }, warning);
    } else if (!warning && warnedAt !== undefined) {
      warnedAt = undefined;
      kernel.logger.info({ heap: figures }, 'the heap is below its warning threshold again');
    }
  };
  check();
  const timer = setInterval(check, options.intervalMs ?? 30_000);
  timer.unref();
  return () => clearInterval(timer);
}
