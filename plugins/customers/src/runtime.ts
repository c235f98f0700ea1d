import { type Kernel, LifecycleError } from '@rapport/core';
import type { CustomerHooks } from './hooks/customer-hooks.js';
import type { CustomersOptions } from './options.js';

/**
 * What one installed instance of the plugin shares between its taps, routes and services: its
 * options, its published hooks, and the kernel (known once the plugin starts). One per kernel,
 * made in `register`, so two kernels in a process never share state.
 */
export interface CustomersRuntime {
  readonly options: CustomersOptions;
  readonly hooks: CustomerHooks;
  kernel(): Kernel;
  attach(kernel: Kernel): void;
}

/** Creates the runtime of one plugin instance. */
export function createRuntime(options: CustomersOptions, hooks: CustomerHooks): CustomersRuntime {
  let current: Kernel | undefined;
  return {
    options,
    hooks,
    kernel() {
      if (!current) throw new LifecycleError('the customers plugin is not started yet');
      return current;
    },
    attach(kernel) {
      current = kernel;
    },
  };
}
