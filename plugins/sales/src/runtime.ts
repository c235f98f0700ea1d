import { type Kernel, LifecycleError } from '@rapport/core';
import type { SalesOptions } from './options.js';

/**
 * What one installed instance of the plugin shares between its taps, handlers, routes and
 * services: its options and the kernel (known once the plugin starts). Made in `register`, one
 * per kernel, so two kernels in a process never share state.
 */
export interface SalesRuntime {
  readonly options: SalesOptions;
  kernel(): Kernel;
  attach(kernel: Kernel): void;
}

/** Creates the runtime of one plugin instance. */
export function createRuntime(options: SalesOptions): SalesRuntime {
  let current: Kernel | undefined;
  return {
    options,
    kernel() {
      if (!current) throw new LifecycleError('the sales plugin is not started yet');
      return current;
    },
    attach(kernel) {
      current = kernel;
    },
  };
}
