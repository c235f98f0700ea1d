/** Why a server stops. */
export type StopReason = 'SIGINT' | 'SIGTERM' | 'abort';

/** A pending stop: `first` resolves on the first signal, `second` on the next (to force an exit). */
export interface StopSignal {
  first: Promise<StopReason>;
  second: Promise<StopReason>;
  /** Removes the process signal handlers. */
  dispose(): void;
}

/**
 * Waits for SIGINT or SIGTERM (or `signal` to abort, for in-process use). Handlers are installed
 * on the process only while serving and removed by `dispose()`.
 */
export function waitForStop(signal?: AbortSignal): StopSignal {
  let count = 0;
  let resolveFirst!: (reason: StopReason) => void;
  let resolveSecond!: (reason: StopReason) => void;
  const first = new Promise<StopReason>((resolve) => {
    resolveFirst = resolve;
  });
  const second = new Promise<StopReason>((resolve) => {
    resolveSecond = resolve;
  });
  const on = (reason: StopReason) => {
    count += 1;
    if (count === 1) resolveFirst(reason);
    else resolveSecond(reason);
  };
  const onInt = () => on('SIGINT');
  const onTerm = () => on('SIGTERM');
  const onAbort = () => on('abort');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  if (signal?.aborted) on('abort');
  else signal?.addEventListener('abort', onAbort, { once: true });
  return {
    first,
    second,
    dispose() {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}
