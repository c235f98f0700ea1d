import { SYSTEM_ACTOR } from '../access/actor.js';
import { BootError, type BootFailure, LifecycleError } from '../errors.js';
import type { LifecycleContext } from '../plugins/define-plugin.js';
import type { StoreSchema } from '../store/types.js';
import type { InstalledPlugin } from './install-plugins.js';
import type { KernelParts } from './kernel-parts.js';
import type { Kernel, TransactionApi } from './kernel-types.js';

/** The state and the start/stop of a booted kernel. */
export interface Lifecycle {
  state(): Kernel['state'];
  /** Throws a {@link LifecycleError} naming `what` unless the kernel is starting or running. */
  assertRunning(what: string): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Start: opens the store, runs each plugin's `start` in boot order (a failure stops the ones
 * already started, closes the store and is a boot error naming the plugin), fires `ready`,
 * delivers events left from before a crash and starts the job timer. Stop: stops jobs, fires
 * `shutdown`, drains the outbox, stops plugins in reverse order and closes the store, gathering
 * every error into one.
 */
export function createLifecycle(
  parts: KernelParts,
  installed: readonly InstalledPlugin[],
  storeSchema: StoreSchema,
  transaction: TransactionApi,
): Lifecycle {
  const { config, logger, services, repository, clock, bootTimings, outbox, jobs, kernelHooks } = parts;
  let state: Kernel['state'] = 'ready';
  const started: InstalledPlugin[] = [];

  const contextOf = (plugin: InstalledPlugin): LifecycleContext<Record<string, unknown>> => ({
    plugin: { id: plugin.definition.id, version: plugin.definition.version },
    options: plugin.options,
    logger: plugin.logger,
    timeZone: parts.timeZone,
    resolve: (token) => services.pluginContainer(plugin.definition.id).resolve(token),
    data: (entity, options) => repository(entity, options?.actor ?? SYSTEM_ACTOR) as never,
    transaction,
    now: () => clock.now(),
  });

  async function stopPlugins(): Promise<unknown[]> {
    const problems: unknown[] = [];
    for (const plugin of [...started].reverse()) {
      const begin = performance.now();
      try {
        await plugin.definition.stop?.(contextOf(plugin));
      } catch (error) {
        problems.push(error);
        logger.error({ err: error, plugin: plugin.definition.id }, 'plugin failed to stop cleanly');
      }
      bootTimings.push({ plugin: plugin.definition.id, phase: 'stop', ms: performance.now() - begin });
    }
    started.length = 0;
    return problems;
  }

  return {
    state: () => state,
    assertRunning(what) {
      if (state !== 'running' && state !== 'starting') {
        throw new LifecycleError(`cannot use ${what}: the kernel is ${state} (call start() first)`);
      }
    },
    async start() {
      if (state !== 'ready') throw new LifecycleError(`start() called on a kernel that is ${state}`);
      state = 'starting';
      try {
        await config.store.open(storeSchema);
      } catch (cause) {
        state = 'stopped';
        throw new BootError([
          {
            plugin: 'kernel',
            phase: 'open',
            message: `store '${config.store.name}' did not open: ${(cause as Error).message}`,
            cause,
          },
        ]);
      }
      try {
        await parts.secret.load();
      } catch (cause) {
        await config.store.close().catch(() => undefined);
        state = 'stopped';
        throw new BootError([
          {
            plugin: 'kernel',
            phase: 'open',
            message: `the server secret: ${(cause as Error).message}`,
            cause,
          },
        ]);
      }
      for (const plugin of installed) {
        const begin = performance.now();
        try {
          await plugin.definition.start?.(contextOf(plugin));
          started.push(plugin);
          bootTimings.push({ plugin: plugin.definition.id, phase: 'start', ms: performance.now() - begin });
        } catch (cause) {
          const failure: BootFailure = {
            plugin: plugin.definition.id,
            phase: 'start',
            message: (cause as Error).message ?? String(cause),
            cause,
          };
          await stopPlugins();
          await config.store.close().catch(() => undefined);
          state = 'stopped';
          throw new BootError([failure]);
        }
      }
      state = 'running';
      await kernelHooks.ready.promise();
      if (outbox.autoDispatch) await outbox.dispatchDue();
      if (config.jobs?.timer !== false) jobs.startTimer(config.jobs?.tickMs ?? 1_000);
      logger.info(
        { plugins: installed.map((p) => p.definition.id), store: config.store.name },
        'rapport kernel running',
      );
    },
    async stop() {
      if (state !== 'running') return;
      state = 'stopping';
      await jobs.stop();
      const problems: unknown[] = [];
      await kernelHooks.shutdown.promise().catch((error: unknown) => problems.push(error));
      await outbox.close();
      problems.push(...(await stopPlugins()));
      await config.store.close().catch((error: unknown) => problems.push(error));
      state = 'stopped';
      if (problems.length > 0)
        throw new AggregateError(problems, `kernel stopped with ${problems.length} error(s)`);
    },
  };
}
