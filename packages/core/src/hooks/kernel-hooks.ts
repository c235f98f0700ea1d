import { AsyncSeriesHook } from 'tapable';

/** Kernel phase hooks: `ready` after every plugin started, `shutdown` before plugins stop. */
export interface KernelHooks {
  ready: AsyncSeriesHook<[]>;
  shutdown: AsyncSeriesHook<[]>;
}

/** Creates the kernel phase hooks. */
export function createKernelHooks(): KernelHooks {
  return { ready: new AsyncSeriesHook([]), shutdown: new AsyncSeriesHook([]) };
}
