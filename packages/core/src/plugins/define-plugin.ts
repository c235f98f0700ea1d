import type { Logger } from 'pino';
import type { RecordRule } from '../access/access-control.js';
import type { Actor } from '../access/actor.js';
import type { FieldRule, FieldRules } from '../access/field-policy.js';
import type { Repository } from '../data/repository.js';
import type { Provider } from '../di/service-registry.js';
import type { Token } from '../di/tokens.js';
import type { EntityDefinition, EntityExtension } from '../entities/define-entity.js';
import type { JsonSchema } from '../entities/json-schema.js';
import type { EventHandler, SubscribeOptions } from '../events/types.js';
import type { EntityHooks } from '../hooks/entity-hooks.js';
import type { KernelHooks } from '../hooks/kernel-hooks.js';
import type { CronJobOptions } from '../jobs/job-schedule.js';
import type { JobRun } from '../jobs/scheduler.js';
import type { TransactionApi } from '../kernel/kernel-types.js';
import type { LinkPurposeOptions } from '../links/link-purposes.js';
import type { MetricDefinition } from '../metrics/metrics-registry.js';
import type { Duration } from '../util/duration.js';
import type { MenuEntry, TileRow, TileRowOptions, ViewDefinition } from '../views/view-types.js';
import type { PublicMountOptions } from './public-routes.js';

/** HTTP routes a plugin mounts; `app` is a Hono app (kept opaque so the kernel needs no HTTP library). */
export interface RouteMount {
  plugin: string;
  /** Mounted at `/api/<path>`; defaults to the plugin id. */
  path: string;
  app: unknown;
  /** OpenAPI 3.1 path items for these routes, keyed by path relative to the mount (`/funnel`). */
  openapi?: Record<string, unknown>;
  /** Schemas the path items `$ref` as `#/components/schemas/<name>`. */
  schemas?: Record<string, JsonSchema>;
}

/** Options of `ctx.routes.mount`. */
export interface MountOptions {
  /** Mount under `/api/<path>`; defaults to the plugin id. */
  path?: string;
  /** OpenAPI 3.1 path items documenting the routes, keyed by path relative to the mount. */
  openapi?: Record<string, unknown>;
  /**
   * Reusable schemas of those path items, added to the document's `components.schemas` (refer to
   * them as `#/components/schemas/<name>`; a name the server or another plugin uses is refused).
   */
  schemas?: Record<string, JsonSchema>;
}

/** The declaration API a plugin gets in `register`. Every method throws after boot. */
export interface RegisterContext<O = Record<string, unknown>> {
  plugin: { id: string; version: string };
  /** Validated options, defaults applied. */
  options: O;
  logger: Logger;
  /** The deployment's IANA time zone (`kernel.timeZone`): where calendar periods begin. */
  timeZone: string;
  /** Which of the plugins this one names are installed. */
  plugins: PluginPresence;
  entities: {
    /** Defines one or more entities: `ctx.entities.define(Deal, Lead, Order)`. */
    // biome-ignore lint/suspicious/noExplicitAny: entities of any record type may be defined together
    define(...definitions: Array<EntityDefinition<any>>): void;
    /**
     * Adds properties to an entity of a plugin this one depends on (an installed optional
     * dependency counts; extending an entity of one that is not installed is a boot error).
     */
    extend(entity: string, extension: EntityExtension): void;
  };
  hooks: {
    /** The typed hook set of an entity (defined by this plugin or one it depends on). */
    entity<T = Record<string, unknown>>(entity: string): EntityHooks<T>;
    kernel: KernelHooks;
    /** Publishes a hook object of this plugin's own under a token, for plugins that depend on it. */
    publish<H extends object>(token: Token<H>, hooks: H): H;
    /** A hook object a plugin this one depends on (or an installed optional dependency) published. */
    get<H extends object>(token: Token<H>): H;
  };
  events: {
    on<P = Record<string, unknown>>(
      event: string,
      handler: EventHandler<P>,
      options?: SubscribeOptions,
    ): void;
  };
  services: {
    provide<T, D extends Record<string, Token<unknown>>>(token: Token<T>, provider: Provider<T, D>): void;
  };
  access: {
    /** Adds permissions to a role (creating it). */
    grant(role: string, permissions: string[]): void;
    rule(rule: RecordRule): void;
    /**
     * Hides fields from a role or makes them read-only for it, by entity: enforced by the
     * repository on every read, query and write (see {@link FieldRule}).
     */
    fields(role: string, rules: FieldRules): void;
  };
  metrics: { define(metric: MetricDefinition): void };
  jobs: {
    /**
     * Runs `run` once per `interval` (slots aligned to the Unix epoch), on one process at a time;
     * after downtime it runs once, for the latest slot missed. The id starts with `<plugin>.`.
     * `interval` is a duration (`'15m'`, `'1h'`, `'1d'`), often an option's value: one that does
     * not parse is a boot error naming the job.
     */
    every(id: string, interval: Duration | string, run: JobRun): void;
    /**
     * Runs `run` at each instant a five-field cron expression names on the wall clock of
     * `options.timeZone` (default {@link RegisterContext.timeZone}), once per instant across
     * processes; after downtime it runs once, for the latest instant missed. On a spring-forward
     * night a fixed time inside the gap runs once, at the first instant after it; on a fall-back
     * night a repeated time runs once, at its first occurrence. A bad expression or zone is a
     * boot error naming the job.
     *
     * @example
     * ```ts
     * ctx.jobs.cron('care.morningMessages', '0 9 * * *', sendMorningMessages, { timeZone: 'Europe/Berlin' });
     * ctx.jobs.cron('bsc.monthEndSnapshot', '55 23 L * *', snapshot); // last day of each month, deployment zone
     * ```
     */
    cron(id: string, expression: string, run: JobRun, options?: CronJobOptions): void;
  };
  routes: {
    mount(app: unknown, options?: MountOptions): void;
    /**
     * Mounts routes people and gateways reach without an API key, at `/p/<plugin>[/<path>]`,
     * guarded by link tokens or request signatures instead (see `LINKS` and the server's page kit).
     */
    public(app: unknown, options?: PublicMountOptions): void;
  };
  views: {
    /**
     * Declares a console view (a list, form layout, kanban board, chart, tile, detail panel,
     * dashboard or custom element) as data; the console renders it. Checked at boot against the
     * entities and metrics it names.
     */
    declare(view: ViewDefinition): void;
    /**
     * Declares one tile per `[id, metric, title]` row, all over the same period, and returns their
     * ids in order, ready for a dashboard's `items`.
     *
     * ```ts
     * const tiles = ctx.views.tiles([['tickets.backlogTile', 'tickets.backlog', 'Backlog']], { period: 'month' });
     * ctx.views.declare({ id: 'tickets.dashboard', kind: 'dashboard', title: 'Tickets', items: tiles });
     * ```
     */
    tiles(rows: readonly TileRow[], options: TileRowOptions): string[];
    /** Adds an entry to the console's menu, opening a view or an entity's list. */
    menu(entry: MenuEntry): void;
    /** The absolute folder holding this plugin's console assets (custom element modules). */
    assets(directory: string): void;
  };
  links: {
    /** Declares a link purpose `<plugin>.<name>`: whether its links are single-use, and how long they live. */
    purpose(id: string, options: LinkPurposeOptions): void;
  };
}

/** What a plugin gets in `start` and `stop`: the store is open and services resolve. */
export interface LifecycleContext<O = Record<string, unknown>> {
  plugin: { id: string; version: string };
  options: O;
  logger: Logger;
  /** The deployment's IANA time zone (`kernel.timeZone`): where calendar periods begin. */
  timeZone: string;
  resolve<T>(token: Token<T>): T;
  /** A repository; acts as the system unless an actor is given. */
  data<T = Record<string, unknown>>(entity: string, options?: { actor?: Actor }): Repository<T>;
  transaction: TransactionApi;
  now(): number;
}

/**
 * What `ctx.plugins` answers in `register`: whether a plugin this one lists in `dependsOn`
 * (always installed) or `optionalDependsOn` is installed.
 *
 * @example
 * ```ts
 * if (ctx.plugins.has('sales')) ctx.entities.extend('order', { properties: { points: { type: 'integer' } } });
 * ```
 */
export interface PluginPresence {
  /**
   * Whether `id` is installed. Throws a `LifecycleError` for an id this plugin lists in neither
   * `dependsOn` nor `optionalDependsOn`: only those are ordered before it, so only their
   * presence means their entities, hooks and services are there to use.
   */
  has(id: string): boolean;
}

/** Everything a plugin declares. */
export interface PluginDefinition<O = Record<string, unknown>> {
  /** Unique id: camelCase or kebab-case; prefixes its taps, tokens, events, metrics and jobs. */
  id: string;
  version: string;
  description?: string;
  /** Plugins this one needs: booted before it; one that is not installed is a boot error. */
  dependsOn?: readonly string[];
  /**
   * Plugins this one uses when they are installed: booted before it then, and not needed
   * otherwise. Ask `ctx.plugins.has(id)` in `register` before extending their entities or
   * tapping their hooks. A cycle through them (when installed) is a boot error, as for `dependsOn`.
   */
  optionalDependsOn?: readonly string[];
  /** JSON Schema of the options (checked by ajv, defaults applied) before anything runs. */
  options?: JsonSchema;
  /**
   * Rules that span several options (a threshold below another), run in the options phase after
   * the schema check: return one sentence per problem, naming the options; none is fine.
   */
  checkOptions?(options: O): string[];
  /** Synchronous and declarative: no I/O. */
  register(context: RegisterContext<O>): void;
  start?(context: LifecycleContext<O>): Promise<void> | void;
  stop?(context: LifecycleContext<O>): Promise<void> | void;
}

/** A plugin with its options, as `createKernel({ plugins })` takes it. */
export interface PluginInstance<O = Record<string, unknown>> {
  readonly definition: PluginDefinition<O>;
  readonly options: unknown;
}

/**
 * The factory `definePlugin` returns: call it with options (`I`, by default any part of `O`) to
 * get an installable plugin.
 */
export type PluginFactory<O, I = Partial<O>> = ((options?: I) => PluginInstance<O>) & {
  readonly id: string;
  readonly definition: PluginDefinition<O>;
};

const PLUGIN_ID = /^[a-z][a-zA-Z0-9-]*$/;

/**
 * Declares a plugin. Returns a factory: `sales({ pipeline: 'b2b' })` is what a config lists. `O`
 * is the options the plugin sees (defaults applied); `I` what callers may pass (default
 * `Partial<O>`; give a deep-partial type when options nest).
 *
 * @example
 * ```ts
 * export const PLUGIN_ID = 'hello';
 * export const hello = definePlugin<{ greeting: string }>({
 *   id: PLUGIN_ID, version: '1.0.0',
 *   options: { type: 'object', properties: { greeting: { type: 'string', default: 'hi' } } },
 *   register(ctx) { ctx.entities.define(Greeting); },
 * });
 * const kernel = await createKernel({ store: memoryStore(), plugins: [hello({ greeting: 'hey' })] });
 * ```
 */
export function definePlugin<O = Record<string, unknown>, I = Partial<O>>(
  definition: PluginDefinition<O>,
): PluginFactory<O, I> {
  if (!PLUGIN_ID.test(definition.id)) {
    throw new TypeError(
      `definePlugin: id '${definition.id}' must start with a lowercase letter (letters, digits, -)`,
    );
  }
  const frozen = Object.freeze({
    ...definition,
    dependsOn: Object.freeze([...(definition.dependsOn ?? [])]),
    optionalDependsOn: Object.freeze([...(definition.optionalDependsOn ?? [])]),
  });
  const factory = (options?: I): PluginInstance<O> =>
    Object.freeze({ definition: frozen, options: options ?? {} });
  return Object.assign(factory, { id: definition.id, definition: frozen });
}
