import type { MiddlewareHandler } from 'hono';

interface Pending {
  deadline: number;
  expire: (error: unknown) => void;
}

/**
 * Fails a request that runs longer than `ms` with the error `onTimeout` makes. One shared timer
 * sweeps every in-flight request (at a tenth of the limit, between 10 ms and 1 s), instead of a
 * timer per request; a request therefore fails between `ms` and `ms` + one sweep after it began.
 * The work itself is not cancelled: a write that commits after the deadline stays committed.
 */
export function requestDeadline(ms: number, onTimeout: () => Error): MiddlewareHandler {
  // Every request gets the same limit, so insertion order is deadline order.
  const pending = new Set<Pending>();
  const every = Math.min(1_000, Math.max(10, Math.floor(ms / 10)));
  let timer: ReturnType<typeof setInterval> | undefined;

  const sweep = () => {
    const now = performance.now();
    for (const entry of pending) {
      if (entry.deadline > now) break;
      pending.delete(entry);
      entry.expire(onTimeout());
    }
    if (pending.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };

  // One promise per request: it settles with the work, or with the timeout the sweep delivers.
  return function deadline(_c, next) {
    return new Promise<void>((resolve, reject) => {
      const entry: Pending = { deadline: performance.now() + ms, expire: reject };
      pending.add(entry);
      if (timer === undefined) {
        timer = setInterval(sweep, every);
        timer.unref();
      }
      next().then(
        () => {
          pending.delete(entry);
          resolve();
        },
        (error: unknown) => {
          pending.delete(entry);
          reject(error);
        },
      );
    });
  };
}
