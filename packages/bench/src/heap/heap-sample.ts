/** Heap figures after a forced full garbage collection. */
export interface HeapSample {
  /** `process.memoryUsage().heapUsed` after the collections. */
  heapUsed: number;
  /** `process.memoryUsage().rss`, for reference (includes code, buffers and the young generation). */
  rss: number;
}

/**
 * Collects garbage until the heap stops shrinking (a few full GCs: finalizers and weak maps can
 * free more on the next one), then reads `heapUsed`. Needs `node --expose-gc`.
 */
export function sampleHeap(): HeapSample {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc)
    throw new Error('the heap benchmark needs node --expose-gc (the suite starts its children with it)');
  let last = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 6; round += 1) {
    gc();
    const used = process.memoryUsage().heapUsed;
    if (used >= last - 64 * 1024) break;
    last = used;
  }
  const usage = process.memoryUsage();
  return { heapUsed: usage.heapUsed, rss: usage.rss };
}
