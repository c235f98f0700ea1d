import { RapportError } from '@rapport/core';

/** A long command's view of Ctrl-C: it stops at the next safe point instead of dying mid-write. */
export interface Interrupt {
  readonly requested: boolean;
  /** Removes the handlers (and restores the default: the next signal ends the process). */
  dispose(): void;
}

/** The error a command throws when it stopped on SIGINT/SIGTERM; exits 130. */
export class InterruptedError extends RapportError {
  constructor(message: string) {
    super('INTERRUPTED', message);
  }
}

/**
 * Catches SIGINT and SIGTERM while a long command runs (import, export), so it can stop between
 * rows or pages: an import keeps what it committed and writes its report, an export removes its
 * unfinished file. A second signal ends the process at once. `signal` does the same in-process.
 */
export function catchInterrupt(signal?: AbortSignal): Interrupt {
  let requested = false;
  const handler = (name: NodeJS.Signals) => {
    if (requested) {
      dispose();
      process.kill(process.pid, name);
      return;
    }
    requested = true;
  };
  const onAbort = () => {
    requested = true;
  };
  function dispose() {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
    signal?.removeEventListener('abort', onAbort);
  }
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  if (signal?.aborted) requested = true;
  else signal?.addEventListener('abort', onAbort, { once: true });
  return {
    get requested() {
      return requested;
    },
    dispose,
  };
}
