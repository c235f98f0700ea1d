import type { Logger } from 'pino';
import { AccessControl } from '../access/access-control.js';
import { type Actor, SYSTEM_ACTOR } from '../access/actor.js';
import { type QueryLimits, Repository, type RepositoryDeps } from '../data/repository.js';
import { TransactionRunner } from '../data/transaction-runner.js';
import type { TxScope } from '../data/tx-scope.js';
import { ServiceRegistry } from '../di/service-registry.js';
import type { CompiledEntity } from '../entities/entity-registry.js';
import { EntityRegistry } from '../entities/entity-registry.js';
import type { JsonSchema, JsonSchemaObject } from '../entities/json-schema.js';
import type { SchemaCheck } from '../entities/schema-validator.js';
import { type BootFailure, RapportError } from '../errors.js';
import { Outbox } from '../events/outbox.js';
import { SubscriberRegistry } from '../events/subscriber-registry.js';
import type { DomainEvent, EventHandlerContext } from '../events/types.js';
import { EntityHookTable } from '../hooks/entity-hook-table.js';
import { createKernelHooks, type KernelHooks } from '../hooks/kernel-hooks.js';
import { IdempotencyService } from '../idempotency/idempotency-keys.js';
import { JobScheduler } from '../jobs/scheduler.js';
import { LinkPurposeRegistry } from '../links/link-purposes.js';
import { LinkTokenService } from '../links/link-tokens.js';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import type { RouteMount } from '../plugins/define-plugin.js';
import type { PublicRouteMount } from '../plugins/public-routes.js';
import { parseSecretKeyring, type SecretKey } from '../secrets/secret-keyring.js';
import { ServerSecretHolder } from '../secrets/server-secret.js';
import { SessionService } from '../sessions/session-service.js';
import { kernelInstruments } from '../telemetry/kernel-instruments.js';
import { observeOutbox } from '../telemetry/outbox-gauges.js';
import { Telemetry } from '../telemetry/telemetry.js';
import { TracedRepository } from '../telemetry/traced-repository.js';
import { createAsyncSlot } from '../util/async-local.js';
import type { Clock } from '../util/clock.js';
import { ViewRegistry } from '../views/view-registry.js';
import {
  CLOCK,
  EVENTS,
  IDEMPOTENCY,
  KERNEL,
  LINKS,
  LOGGER,
  METRICS,
  SERVER_SECRET,
  SESSIONS,
  STORE,
  TELEMETRY,
} from './kernel-tokens.js';
import type { BootTiming, Kernel, KernelConfig, KernelEvents } from './kernel-types.js';

/** A hook object a plugin published under a token. */
export interface PublishedHooks {
  plugin: string;
  hooks: object;
}

/**
 * Every registry and service of one kernel, made before any plugin registers: what the
 * declaration API writes into, what the lifecycle starts and stops, and what the kernel's views
 * read. One per kernel; nothing in it is shared with another kernel of the process.
 */
export interface KernelParts {
  readonly config: KernelConfig;
  readonly failures: BootFailure[];
  readonly clock: Clock;
  readonly logger: Logger;
  readonly timeZone: string;
  readonly limits: QueryLimits;
  readonly compileSchema: (schema: JsonSchema) => SchemaCheck;
  readonly entities: EntityRegistry;
  readonly entityHooks: EntityHookTable;
  readonly publishedHooks: Map<symbol, PublishedHooks>;
  readonly subscribers: SubscriberRegistry;
  readonly services: ServiceRegistry;
  readonly access: AccessControl;
  readonly kernelHooks: KernelHooks;
  readonly routes: RouteMount[];
  readonly publicRoutes: PublicRouteMount[];
  readonly linkPurposes: LinkPurposeRegistry;
  readonly secret: ServerSecretHolder;
  readonly links: LinkTokenService;
  readonly sessions: SessionService;
  readonly idempotency: IdempotencyService;
  readonly views: ViewRegistry;
  readonly bootTimings: BootTiming[];
  readonly runner: TransactionRunner;
  readonly outbox: Outbox;
  readonly metrics: MetricsRegistry;
  readonly jobs: JobScheduler;
  readonly events: KernelEvents;
  /** Operational metrics (Prometheus) and, when on, traces. */
  readonly telemetry: Telemetry;
  /** The compiled entities; filled in the compile phase. */
  readonly compiled: Map<string, CompiledEntity>;
  /** What each entity's repositories need; filled in the compile phase. */
  readonly repositoryDeps: Map<string, RepositoryDeps>;
  /** A repository of an entity acting as `actor`; `UNKNOWN_ENTITY` for an entity no plugin defines. */
  repository(entity: string, actor: Actor): Repository;
  /** The stored schema of an entity; `UNKNOWN_ENTITY` for an entity no plugin defines. */
  schemaOf(entity: string): JsonSchemaObject;
  /** Hands the finished kernel to the `KERNEL` token. */
  bindKernel(kernel: Kernel): void;
}

/** What {@link createKernelParts} needs beside the config. */
export interface KernelPartsInput {
  config: KernelConfig;
  failures: BootFailure[];
  clock: Clock;
  logger: Logger;
  timeZone: string;
  compileSchema: (schema: JsonSchema) => SchemaCheck;
  /** Whether `plugin` depends on `on`, directly or through others (extensions need it). */
  dependsOn(plugin: string, on: string): boolean;
}

/** Makes the registries, the transaction runner, the outbox, metrics and jobs of one kernel. */
export function createKernelParts(input: KernelPartsInput): KernelParts {
  const { config, failures, clock, logger, timeZone, compileSchema } = input;
  const slot = createAsyncSlot<TxScope>();
  const telemetry = new Telemetry(config.telemetry);
  const instruments = kernelInstruments(telemetry);
  // `runner` and `outbox` reference each other through the write callback.
  let outboxRef: Outbox | undefined;
  const runner = new TransactionRunner(
    config.store,
    slot,
    (tx, events) => (outboxRef as Outbox).write(tx, events),
    instruments,
  );
  const access = new AccessControl(config.access?.roles ?? {});
  for (const rule of config.access?.rules ?? []) access.addRule(rule);
  for (const [role, rules] of Object.entries(config.access?.fields ?? {})) {
    try {
      access.restrictFields(role, rules);
    } catch (cause) {
      failures.push({ plugin: 'kernel', phase: 'config', message: (cause as Error).message, cause });
    }
  }
  const services = new ServiceRegistry(failures);
  const subscribers = new SubscriberRegistry(failures);
  const compiled = new Map<string, CompiledEntity>();
  const repositoryDeps = new Map<string, RepositoryDeps>();
  let kernelRef: Kernel | undefined;

  const unknownEntity = (entity: string) =>
    new RapportError(
      'UNKNOWN_ENTITY',
      `there is no entity '${entity}' (known: ${[...compiled.keys()].join(', ')})`,
      {
        details: { entity },
      },
    );
  const repository = (entity: string, actor: Actor): Repository => {
    const deps = repositoryDeps.get(entity);
    if (!deps) throw unknownEntity(entity);
    return telemetry.tracer ? new TracedRepository(deps, actor, telemetry) : new Repository(deps, actor);
  };
  const schemaOf = (entity: string): JsonSchemaObject => {
    const found = compiled.get(entity);
    if (!found) throw unknownEntity(entity);
    return found.schema;
  };
  const metrics = new MetricsRegistry({
    access,
    compileSchema,
    repository,
    resolve: (token) => services.resolve(token),
    now: () => clock.now(),
    timeZone,
  });
  const jobs = new JobScheduler({
    runner,
    clock,
    logger: logger.child({ component: 'jobs' }),
    timeZone,
    instruments,
    context: (job, slotStart) => ({
      slotStart,
      timeZone: job.timeZone,
      now: () => clock.now(),
      data: (entity) => repository(entity, SYSTEM_ACTOR) as never,
      resolve: (token) => services.resolve(token),
      logger: logger.child({ plugin: job.plugin, job: job.id }),
    }),
  });
  const events: KernelEvents = {
    emit: (name, payload, { actor }) => runner.run(async (scope) => scope.emit(name, payload, actor)),
    drain: () => outbox.drain(),
    subscribers: () => subscribers.list(),
  };
  const handlerContext = (event: DomainEvent): EventHandlerContext => ({
    data: (entity) => repository(entity, SYSTEM_ACTOR) as never,
    emit: (name, payload) => {
      const scope = runner.current();
      if (scope) scope.emit(name, payload, SYSTEM_ACTOR);
      else void events.emit(name, payload, { actor: SYSTEM_ACTOR });
    },
    resolve: (token) => services.resolve(token),
    logger: logger.child({ event: event.name, eventId: event.id }),
    now: () => clock.now(),
  });
  const outbox = new Outbox(
    {
      runner,
      subscribers,
      clock,
      logger: logger.child({ component: 'outbox' }),
      handlerContext,
      instruments,
    },
    config.outbox,
  );
  outboxRef = outbox;
  observeOutbox(telemetry, { runner, clock, logger: logger.child({ component: 'telemetry' }) });
  runner.onCommitted((ids) => outbox.committed(ids));
  const secret = new ServerSecretHolder({ runner, clock, configured: configuredSecret(config, failures) });
  const linkPurposes = new LinkPurposeRegistry();
  const links = new LinkTokenService({ runner, clock, secret, purposes: linkPurposes });
  const sessions = new SessionService({ runner, clock });
  const idempotency = new IdempotencyService({ runner, clock });

  services.kernelValue(STORE, config.store);
  services.kernelValue(CLOCK, clock);
  services.kernelValue(LOGGER, logger);
  services.kernelValue(METRICS, metrics);
  services.kernelValue(EVENTS, events);
  services.kernelLazy(KERNEL, () => kernelRef as Kernel);
  services.kernelValue(SERVER_SECRET, secret);
  services.kernelValue(LINKS, links);
  services.kernelValue(SESSIONS, sessions);
  services.kernelValue(IDEMPOTENCY, idempotency);
  services.kernelValue(TELEMETRY, telemetry);

  return {
    config,
    failures,
    clock,
    logger,
    timeZone,
    limits: { defaultLimit: config.query?.defaultLimit ?? 50, maxLimit: config.query?.maxLimit ?? 500 },
    compileSchema,
    entities: new EntityRegistry(failures, input.dependsOn),
    entityHooks: new EntityHookTable(),
    publishedHooks: new Map(),
    subscribers,
    services,
    access,
    kernelHooks: createKernelHooks(),
    routes: [],
    publicRoutes: [],
    linkPurposes,
    secret,
    links,
    sessions,
    idempotency,
    views: new ViewRegistry(access),
    bootTimings: [],
    runner,
    outbox,
    metrics,
    jobs,
    events,
    telemetry,
    compiled,
    repositoryDeps,
    repository,
    schemaOf,
    bindKernel: (kernel) => {
      kernelRef = kernel;
    },
  };
}

/** The keys of `config.secret`, or `undefined` to use the stored secret; a bad one is a config failure. */
function configuredSecret(config: KernelConfig, failures: BootFailure[]): SecretKey[] | undefined {
  if (config.secret === undefined) return undefined;
  try {
    return parseSecretKeyring(config.secret);
  } catch (error) {
    failures.push({ plugin: 'kernel', phase: 'config', message: (error as Error).message });
    return undefined;
  }
}
