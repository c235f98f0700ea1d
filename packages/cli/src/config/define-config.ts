import type { DataStore, Kernel, KernelConfig, Logger } from '@rapport/core';
import type { ServerOptions } from '@rapport/server';

/** Makes a fresh, unopened store. Preferred over an instance: `migrate` and tests can make several. */
export type StoreFactory = () => DataStore;

/** The `server` section: `createServer` options plus where and how `rapport serve` listens. */
export interface ServerConfig extends ServerOptions {
  /** Default 3000; `PORT` and `--port` override it; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1; `HOST` and `--host` override it; 0.0.0.0 listens on every interface. */
  hostname?: string;
  /** How long running requests may take to finish on shutdown (default 10 s). */
  shutdownGraceMs?: number;
}

/** A deployment: its store, its plugins and how it is served. */
export interface RapportConfig {
  /** A store factory (preferred) or a store instance. */
  store: DataStore | StoreFactory;
  /** Plugins in any order (dependencies are ordered by the kernel); `apiKeys()` is added when missing. */
  plugins?: KernelConfig['plugins'];
  server?: ServerConfig;
  /** Extra roles: `{ roles: { agent: ['ticket:read', 'ticket:update'] } }`. */
  access?: KernelConfig['access'];
  /** Page sizes: `{ defaultLimit: 50, maxLimit: 500 }`. */
  query?: KernelConfig['query'];
  outbox?: KernelConfig['outbox'];
  jobs?: KernelConfig['jobs'];
  /**
   * The deployment's IANA time zone (default `UTC`), such as `Europe/Berlin`: where reports'
   * days, weeks, months, quarters and years begin. Read it from the environment to set it per
   * deployment: `timeZone: env.RAPPORT_TIME_ZONE`.
   */
  timeZone?: string;
  /**
   * The server secret that signs link tokens: one secret of 32+ characters, or `kid:secret`
   * pairs newest first (prepend a pair to rotate). Default: `RAPPORT_SECRET`; without either,
   * a secret is generated on first start and kept in the store (`rapport secret rotate` then
   * rotates it). Never write it in the file: read it from the environment.
   */
  secret?: string;
  /**
   * Operational telemetry: `{ tracing: true }` sends OpenTelemetry spans to the SDK the process
   * registered (see docs/operations.md). Prometheus metrics need no setting here: `GET /metrics`
   * opens with `RAPPORT_METRICS_TOKEN` or `server.metrics.token`.
   */
  telemetry?: KernelConfig['telemetry'];
  /** A pino logger, or its level (`RAPPORT_LOG_LEVEL` overrides the level). */
  logger?: Logger | { level?: string };
  /** Demo data for `rapport seed`; runs on a started kernel. Make it idempotent. */
  seed?(kernel: Kernel): Promise<void>;
}

/** What `rapport.config.ts` exports: a config, or a function of the environment returning one. */
export type ConfigInput =
  | RapportConfig
  | ((env: Record<string, string | undefined>) => RapportConfig | Promise<RapportConfig>);

/**
 * Declares a deployment in `rapport.config.ts`, with types. Pass a function of the environment to
 * read secrets and connection URLs from it (`env.DATABASE_URL`), so none is written in the file.
 *
 * @example
 * ```ts
 * import { defineConfig } from '@rapport/cli';
 * import { memoryStore } from '@rapport/core';
 *
 * export const config = defineConfig((env) => ({
 *   store: () => memoryStore(),
 *   plugins: [],
 *   server: { port: Number(env.PORT ?? 3000), title: 'ACME CRM' },
 * }));
 * ```
 */
export function defineConfig<T extends ConfigInput>(config: T): T {
  return config;
}
