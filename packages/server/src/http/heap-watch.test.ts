import type { Kernel } from '@rapport/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bootServer } from '../test-support/fixture.js';
import { heapOptionProblems, heapStatus, watchHeap } from './heap-watch.js';

const MB = 1_048_576;
/** Heap figures as V8 would give them: `used` of a 4 GB limit. */
const heapAt = (share: number) => () => ({
  used_heap_size: Math.round(share * 4_096 * MB),
  heap_size_limit: 4_096 * MB,
});

/** The two things the watch reads of a kernel: the store's name and the logger. */
function fakeKernel(store: string) {
  const lines: { level: string; details: unknown; message: string }[] = [];
  const log = (level: string) => (details: unknown, message: string) =>
    lines.push({ level, details, message });
  const kernel = {
    store: { name: store },
    logger: { warn: log('warn'), info: log('info') },
  } as unknown as Kernel;
  return { kernel, lines };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('heap watch', () => {
  it('reports the heap in /readyz and warns from 80% of its limit', async () => {
    let share = 0.5;
    const f = await bootServer({ heap: { statistics: () => heapAt(share)() } });
    const calm = await (await f.app.request('/readyz')).json();
    expect(calm).toEqual({
      status: 'ready',
      store: 'memory',
      heap: { usedBytes: 2_048 * MB, limitBytes: 4_096 * MB, ratio: 0.5 },
    });
    share = 0.85;
    const full = await f.app.request('/readyz');
    expect(full.status).toBe(200);
    const body = (await full.json()) as { heap: { ratio: number; warning: string } };
    expect(body.heap.ratio).toBe(0.85);
    expect(body.heap.warning).toContain('85% of its 4096 MB limit');
    await f.t.kernel.stop();
  });

  it('points the embedded store to rapport migrate', () => {
    const { kernel } = fakeKernel('lowdb');
    expect(heapStatus(kernel, { statistics: heapAt(0.79) }).warning).toBeUndefined();
    const { warning } = heapStatus(kernel, { statistics: heapAt(0.8) });
    expect(warning).toContain('rapport migrate --from lowdb:');
    expect(warning).toContain('postgres:');
    expect(heapStatus(kernel, { statistics: heapAt(0.6), threshold: 0.5 }).warning).toContain('60%');
    expect(heapStatus(fakeKernel('postgres').kernel, { statistics: heapAt(0.9) }).warning).not.toContain(
      'migrate',
    );
  });

  it('logs once when the heap crosses the threshold, again every 15 minutes, and when it is back below', () => {
    vi.useFakeTimers();
    const { kernel, lines } = fakeKernel('lowdb');
    let share = 0.5;
    const stop = watchHeap(kernel, { statistics: () => heapAt(share)(), intervalMs: 1_000 });
    vi.advanceTimersByTime(5_000);
    expect(lines).toEqual([]);
    share = 0.9;
    vi.advanceTimersByTime(5_000);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'warn',
      details: { heap: { ratio: 0.9 }, store: 'lowdb' },
      message: expect.stringContaining('rapport migrate'),
    });
    vi.advanceTimersByTime(15 * 60_000);
    expect(lines.filter((line) => line.level === 'warn')).toHaveLength(2);
    share = 0.4;
    vi.advanceTimersByTime(1_000);
    expect(lines[lines.length - 1]).toMatchObject({ level: 'info' });
    stop();
    share = 0.95;
    vi.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(3);
  });

  it('refuses options it cannot use, naming the option', async () => {
    expect(heapOptionProblems({ threshold: 1.5, intervalMs: 0, every: 1 })).toEqual([
      { path: 'heap.every', rule: 'heap', message: expect.stringContaining('not an option') },
      { path: 'heap.threshold', rule: 'heap', message: expect.stringContaining('at most 1, got 1.5') },
      { path: 'heap.intervalMs', rule: 'heap', message: expect.stringContaining('at least 1, got 0') },
    ]);
    expect(heapOptionProblems(false)).toEqual([]);
    await expect(bootServer({ heap: { threshold: 0 } })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('heap.threshold'),
    });
  });
});
