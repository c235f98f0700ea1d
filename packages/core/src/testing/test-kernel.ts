import { pino } from 'pino';
import type { Actor } from '../access/actor.js';
import type { Repository } from '../data/repository.js';
import { createKernel } from '../kernel/create-kernel.js';
import type { Kernel, KernelConfig } from '../kernel/kernel-types.js';
import { memoryStore } from '../store/memory-store.js';
import type { DataStore } from '../store/types.js';
import { createManualClock, type ManualClock } from '../util/clock.js';
import { type Duration, toMilliseconds } from '../util/duration.js';

/** Options of {@link createTestKernel}: any kernel option, plus the start time of the clock. */
export interface TestKernelOptions extends Omit<Partial<KernelConfig>, 'clock'> {
  /** Where the manual clock starts (default 2026-01-01T00:00:00Z). */
  now?: string | number;
  /** Leave the kernel created but not started (to test boot). */
  start?: boolean;
}

/** A started kernel on an in-memory store with a manual clock, and helpers for tests. */
export interface TestKernel {
  kernel: Kernel;
  clock: ManualClock;
  store: DataStore;
  /** An admin actor (`*:*`). */
  admin: Actor;
  /** Makes a user actor with the given roles and attributes. */
  actor(roles: string[], attributes?: Actor['attributes'], id?: string): Actor;
  /** A repository acting as `actor` (default: admin). */
  data<T = Record<string, unknown>>(entity: string, actor?: Actor): Repository<T>;
  /** Moves the clock, runs the jobs that became due and delivers pending events. */
  advance(duration: Duration): Promise<void>;
  /** Delivers every pending event. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

let actorCounter = 0;

/**
 * Boots a kernel for tests: in-memory store (unless one is given), a manual clock, a silent
 * logger, no wall-clock timers. Jobs run when the test calls `advance`.
 *
 * @example
 * ```ts
 * const t = await createTestKernel({ plugins: [customers()] });
 * const c = await t.data('customer').create({ name: 'Ada' });
 * await t.advance('1h');
 * await t.stop();
 * ```
 */
export async function createTestKernel(options: TestKernelOptions = {}): Promise<TestKernel> {
  const { now, start = true, ...config } = options;
  const clock = createManualClock(now);
  const store = config.store ?? memoryStore();
  const kernel = await createKernel({
    logger: pino({ level: process.env.RAPPORT_TEST_LOG_LEVEL ?? 'silent' }),
    ...config,
    store,
    clock,
    jobs: { timer: false, ...config.jobs },
  });
  if (start) await kernel.start();
  const admin: Actor = { id: 'test-admin', kind: 'user', roles: ['admin'] };
  return {
    kernel,
    clock,
    store,
    admin,
    actor: (roles, attributes, id) => ({
      id: id ?? `test-user-${++actorCounter}`,
      kind: 'user',
      roles,
      ...(attributes ? { attributes } : {}),
    }),
    data: (entity, actor = admin) => kernel.data(entity, { actor }),
    async advance(duration) {
      clock.advance(toMilliseconds(duration));
      await kernel.jobs.runDue();
      await kernel.events.drain();
    },
    settle: () => kernel.events.drain(),
    stop: () => kernel.stop(),
  };
}
