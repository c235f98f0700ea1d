import type { LifecycleContext, RegisterContext } from '@rapport/core';
import type { HelloOptions } from './options.js';

/**
 * `start` runs once the store is open and every plugin registered: it logs how many greetings
 * exist (a read through the data API, as the system). `stop` runs in reverse order at shutdown.
 */
export async function startHello(ctx: LifecycleContext<HelloOptions>): Promise<void> {
  const greetings = await ctx.data('greeting').count();
  ctx.logger.info({ greetings }, 'hello started');
}

/** Logs the stop; a plugin holding connections or timers closes them here. */
export function stopHello(ctx: LifecycleContext<HelloOptions>): void {
  ctx.logger.info('hello stopped');
}

/** Kernel phase hooks: `ready` after every plugin started, `shutdown` before plugins stop. */
export function tapKernelPhases(ctx: RegisterContext<HelloOptions>): void {
  ctx.hooks.kernel.ready.tapPromise('hello', async () => {
    ctx.logger.debug('hello: kernel ready');
  });
}
