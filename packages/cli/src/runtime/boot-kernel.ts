import { userInfo } from 'node:os';
import {
  type Actor,
  type BootError,
  createKernel,
  type DataStore,
  type Kernel,
  type KernelConfig,
  type Logger,
  RapportError,
  users,
} from '@rapport/core';
import { apiKeys } from '@rapport/server';
import type { RapportConfig } from '../config/define-config.js';

/** Options of {@link composeKernel} and {@link bootKernel}. */
export interface BootOptions {
  logger?: Logger;
  /** The store to use instead of the config's (migrate builds a schema without touching the real one). */
  store?: DataStore;
  /** Extra kernel options (a clock, `jobs: { timer: false }` for one-shot commands). */
  kernel?: Partial<Pick<KernelConfig, 'clock' | 'jobs'>>;
}

/** Makes the config's store: calls a factory, or returns the instance. */
export function createStore(config: RapportConfig): DataStore {
  return typeof config.store === 'function' ? config.store() : config.store;
}

function pluginId(plugin: unknown): string | undefined {
  return (plugin as { definition?: { id?: string } } | undefined)?.definition?.id;
}

/**
 * The config's plugins, with `apiKeys()` and `users()` added when missing (the server, `rapport
 * keys` and `rapport users` need them; a config lists `users({ ... })` itself to set its options).
 */
export function pluginsOf(config: RapportConfig): NonNullable<KernelConfig['plugins']> {
  const plugins = [...(config.plugins ?? [])];
  if (!plugins.some((plugin) => pluginId(plugin) === 'users')) plugins.unshift(users());
  if (!plugins.some((plugin) => pluginId(plugin) === 'apiKeys')) plugins.unshift(apiKeys());
  return plugins;
}

/**
 * Creates the kernel of a config without starting it: entities are compiled and
 * `kernel.storeSchema` is known, but the store is not opened (so it works while a server holds it).
 */
export function composeKernel(config: RapportConfig, options: BootOptions = {}): Promise<Kernel> {
  return createKernel({
    store: options.store ?? createStore(config),
    plugins: pluginsOf(config),
    ...(config.access ? { access: config.access } : {}),
    ...(config.query ? { query: config.query } : {}),
    ...(config.outbox ? { outbox: config.outbox } : {}),
    ...(config.jobs ? { jobs: config.jobs } : {}),
    ...(config.timeZone ? { timeZone: config.timeZone } : {}),
    ...(config.secret ? { secret: config.secret } : {}),
    ...(config.telemetry ? { telemetry: config.telemetry } : {}),
    ...(options.kernel ?? {}),
    ...(options.logger ? { logger: options.logger } : config.logger ? { logger: config.logger } : {}),
  });
}

/**
 * Creates and starts the kernel of a config, with `apiKeys()` among its plugins. When the store
 * does not open, the error says whether another process (a running `rapport serve`) may hold it.
 *
 * @example
 * ```ts
 * const { config } = await loadConfig();
 * const kernel = await bootKernel(config);
 * try { ... } finally { await kernel.stop(); }
 * ```
 */
export async function bootKernel(config: RapportConfig, options: BootOptions = {}): Promise<Kernel> {
  const kernel = await composeKernel(config, options);
  try {
    await kernel.start();
  } catch (error) {
    throw explainOpenFailure(error, kernel.store);
  }
  return kernel;
}

/** The store of the config did not open (with a hint when a running server may hold it). */
export class StoreOpenError extends RapportError {
  constructor(message: string, cause: unknown) {
    super('STORE_UNAVAILABLE', message, { cause });
  }
}

/**
 * Turns a store-open boot failure into one readable line. A single-process store (lowdb, memory) is
 * locked by the process that holds it, so the line says how to work next to a running server.
 */
export function explainOpenFailure(error: unknown, store: DataStore): unknown {
  const failures = (error as Partial<BootError> | undefined)?.failures;
  if ((error as { code?: unknown })?.code !== 'BOOT_FAILED' || !Array.isArray(failures)) return error;
  const open = failures.find((failure) => failure.phase === 'open');
  if (!open) return error;
  const reason = open.cause instanceof Error ? open.cause.message : open.message;
  const hint =
    store.capabilities?.multiProcess === false
      ? `. A ${store.name} store is opened by one process at a time: if \`rapport serve\` is running on it, ` +
        'stop the server, or send this command through it with --url <server url> and an API key'
      : '';
  return new StoreOpenError(`store '${store.name}' did not open: ${reason}${hint}`, error);
}

/**
 * The actor CLI commands act as in direct mode: a system actor (it bypasses permissions and record
 * rules, like jobs and migrations) whose id names the CLI and the OS user, for the audit trail.
 */
export function cliActor(): Actor {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (some containers)
  }
  return { id: `cli:${user}`, kind: 'system', roles: [] };
}
