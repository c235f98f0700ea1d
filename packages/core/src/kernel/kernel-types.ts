import type { Logger } from 'pino';
import type { AccessView, RecordRule } from '../access/access-control.js';
import type { Actor } from '../access/actor.js';
import type { FieldRules } from '../access/field-policy.js';
import type { AuditRecord } from '../audit/audit-collection.js';
import type { Repository } from '../data/repository.js';
import type { Token } from '../di/tokens.js';
import type { CompiledEntity } from '../entities/entity-registry.js';
import type { OutboxOptions } from '../events/outbox.js';
import type { Subscriber } from '../events/types.js';
import type { KernelHooks } from '../hooks/kernel-hooks.js';
import type { JobsView } from '../jobs/scheduler.js';
import type { MetricsView } from '../metrics/metrics-registry.js';
import type { PluginFactory, PluginInstance, RouteMount } from '../plugins/define-plugin.js';
import type { PublicRouteMount } from '../plugins/public-routes.js';
import type { FindQuery, Page } from '../query/types.js';
import type { DataStore, StoreSchema } from '../store/types.js';
import type { Telemetry, TelemetryOptions } from '../telemetry/telemetry.js';
import type { Clock } from '../util/clock.js';
import type { ViewsView } from '../views/view-registry.js';

/** Options of {@link createKernel}. */
export interface KernelConfig {
  store: DataStore;
  // biome-ignore lint/suspicious/noExplicitAny: plugins of any option type may be composed
  plugins?: Array<PluginInstance<any> | PluginFactory<any>>;
  clock?: Clock;
  /** A pino logger, or the level for the default one (default: `RAPPORT_LOG_LEVEL` or `info`). */
  logger?: Logger | { level?: string };
  /**
   * Roles granted beside the plugins' grants, record rules beside theirs, and field rules by role
   * (`fields: { viewer: { customer: { hidden: ['phone'] } } }`; see {@link FieldRules}).
   */
  access?: { roles?: Record<string, string[]>; rules?: RecordRule[]; fields?: Record<string, FieldRules> };
  outbox?: OutboxOptions & { sweepInterval?: string };
  /** `timer: false` leaves running jobs to the caller (`kernel.jobs.runDue()`); `tickMs` default 1000. */
  jobs?: { timer?: boolean; tickMs?: number };
  query?: { defaultLimit?: number; maxLimit?: number };
  /**
   * The deployment's IANA time zone (default `'UTC'`): where calendar days, weeks, months,
   * quarters and years begin for reports and schedules (see `calendarPeriod`). A name the
   * runtime does not know is a boot error naming it.
   */
  timeZone?: string;
  /**
   * The server secret that signs link tokens: one secret of 32 or more characters, or `kid:secret`
   * pairs separated by commas, newest first (the first signs, all verify: prepend a pair to
   * rotate). Read it from `RAPPORT_SECRET`. Without it a secret is generated on first start and
   * kept in the store. Never logged; a malformed one is a boot error that does not show it.
   */
  secret?: string;
  /**
   * Operational telemetry. Prometheus metrics are always kept (in a registry of this kernel);
   * OpenTelemetry tracing is off unless `tracing` turns it on (see docs/operations.md).
   */
  telemetry?: TelemetryOptions;
}

/** A transaction spanning several repositories, as `kernel.transaction` hands it out. */
export interface KernelTransaction {
  data<T = Record<string, unknown>>(entity: string, options: { actor: Actor }): Repository<T>;
  emit(name: string, payload: Record<string, unknown>, options: { actor: Actor }): void;
}

/** `kernel.transaction(async (tx) => ...)`: all of it commits or none of it does. */
export type TransactionApi = <R>(fn: (tx: KernelTransaction) => Promise<R>) => Promise<R>;

/** The event API of a running kernel. */
export interface KernelEvents {
  /** Emits an event in its own transaction (or the caller's, when one is running). */
  emit(name: string, payload: Record<string, unknown>, options: { actor: Actor }): Promise<void>;
  /** Waits until every due event has been delivered or has failed for now. */
  drain(): Promise<void>;
  subscribers(): Subscriber[];
}

/** How long one plugin took in one boot phase. */
export interface BootTiming {
  plugin: string;
  phase: 'register' | 'start' | 'stop';
  ms: number;
}

/** A booted Rapport kernel. */
export interface Kernel {
  readonly state: 'ready' | 'starting' | 'running' | 'stopping' | 'stopped';
  readonly plugins: ReadonlyArray<{
    id: string;
    version: string;
    dependsOn: readonly string[];
    /** Its optional dependencies as declared (installed or not; `kernel.plugins` lists the installed ones). */
    optionalDependsOn: readonly string[];
    description?: string;
  }>;
  readonly entities: ReadonlyMap<string, CompiledEntity>;
  readonly routes: readonly RouteMount[];
  /** Routes plugins mount outside `/api` with `ctx.routes.public`. */
  readonly publicRoutes: readonly PublicRouteMount[];
  readonly hooks: KernelHooks;
  readonly access: AccessView;
  readonly metrics: MetricsView;
  readonly jobs: JobsView;
  /** The console views plugins declared, and those a caller may use. */
  readonly views: ViewsView;
  readonly events: KernelEvents;
  readonly clock: Clock;
  /** The deployment's IANA time zone ({@link KernelConfig.timeZone}, default `'UTC'`). */
  readonly timeZone: string;
  readonly logger: Logger;
  readonly store: DataStore;
  /** Every collection and index the store holds for this composition (for migrations and tools). */
  readonly storeSchema: StoreSchema;
  readonly bootTimings: readonly BootTiming[];
  /** Operational metrics and traces of this kernel (also the `TELEMETRY` token). */
  readonly telemetry: Telemetry;
  /** Opens the store, starts plugins in order, delivers events left from before a crash. */
  start(): Promise<void>;
  /** Stops jobs, drains event delivery, stops plugins in reverse order, closes the store. */
  stop(): Promise<void>;
  /** The repository of an entity acting as `actor`. */
  data<T = Record<string, unknown>>(entity: string, options: { actor: Actor }): Repository<T>;
  transaction: TransactionApi;
  resolve<T>(token: Token<T>): T;
  /** Audit records (needs `audit:read`). */
  audit(query: FindQuery, options: { actor: Actor }): Promise<Page<AuditRecord>>;
}
