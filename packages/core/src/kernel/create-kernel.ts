import type { Logger } from 'pino';
import { AccessControl } from '../access/access-control.js';
import { type Actor, SYSTEM_ACTOR } from '../access/actor.js';
import { AUDIT_SPEC, type AuditRecord } from '../audit/audit-collection.js';
import { findPage } from '../data/find-page.js';
import { type QueryLimits, Repository, type RepositoryDeps } from '../data/repository.js';
import { TransactionRunner } from '../data/transaction-runner.js';
import type { TxScope } from '../data/tx-scope.js';
import { ServiceRegistry } from '../di/service-registry.js';
import { type Token, tokenName } from '../di/tokens.js';
import type { CompiledEntity } from '../entities/entity-registry.js';
import { EntityRegistry } from '../entities/entity-registry.js';
import { createSchemaCompiler } from '../entities/schema-validator.js';
import { BootError, type BootFailure, LifecycleError, RapportError } from '../errors.js';
import { Outbox } from '../events/outbox.js';
import { OUTBOX_SPEC } from '../events/outbox-collection.js';
import { SubscriberRegistry } from '../events/subscriber-registry.js';
import type { DomainEvent, EventHandlerContext } from '../events/types.js';
import { createEntityHooks, type EntityHooks } from '../hooks/entity-hooks.js';
import { createKernelHooks } from '../hooks/kernel-hooks.js';
import { sealHooks } from '../hooks/seal.js';
import { JOBS_SPEC } from '../jobs/job-collection.js';
import { JobScheduler } from '../jobs/scheduler.js';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import type {
  LifecycleContext,
  PluginDefinition,
  PluginInstance,
  RegisterContext,
  RouteMount,
} from '../plugins/define-plugin.js';
import { dependsTransitively, resolvePluginOrder } from '../plugins/resolve-order.js';
import type { FindQuery, Page } from '../query/types.js';
import type { StoreSchema } from '../store/types.js';
import { createAsyncSlot } from '../util/async-local.js';
import { timeZoneProblem } from '../util/calendar.js';
import { systemClock } from '../util/clock.js';
import { CLOCK, EVENTS, KERNEL, LOGGER, METRICS, STORE } from './kernel-tokens.js';
import type { BootTiming, Kernel, KernelConfig, KernelEvents, KernelTransaction } from './kernel-types.js';
import { createLogger, isLogger } from './logger.js';

type AnyPlugin = PluginDefinition<Record<string, unknown>>;
interface Installed {
  definition: AnyPlugin;
  options: Record<string, unknown>;
  logger: Logger;
}

/**
 * Boots a kernel: orders plugins by `dependsOn`, checks their options, runs every `register`,
 * compiles entity schemas once and seals the hooks. Every problem found on the way is gathered
 * into one {@link BootError} naming each plugin and phase. Call `start()` next.
 *
 * @example
 * ```ts
 * const kernel = await createKernel({ store: memoryStore(), plugins: [customers(), sales()] });
 * await kernel.start();
 * const deals = kernel.data('deal', { actor });
 * ```
 */
export async function createKernel(config: KernelConfig): Promise<Kernel> {
  const failures: BootFailure[] = [];
  const clock = config.clock ?? systemClock;
  const logger = isLogger(config.logger) ? config.logger : createLogger(config.logger?.level);
  const limits: QueryLimits = {
    defaultLimit: config.query?.defaultLimit ?? 50,
    maxLimit: config.query?.maxLimit ?? 500,
  };
  const compileSchema = createSchemaCompiler();
  const timeZone = config.timeZone ?? 'UTC';
  const zoneProblem = timeZoneProblem(timeZone);
  if (zoneProblem) failures.push({ plugin: 'kernel', phase: 'config', message: `timeZone ${zoneProblem}` });

  // --- resolve --------------------------------------------------------------------------------
  const instances = (config.plugins ?? []).map((p) => (typeof p === 'function' ? p() : p)) as PluginInstance<
    Record<string, unknown>
  >[];
  const { order, failures: orderFailures } = resolvePluginOrder(
    instances.map((instance) => ({
      ...instance,
      id: instance.definition.id,
      version: instance.definition.version,
      dependsOn: instance.definition.dependsOn ?? [],
    })),
  );
  failures.push(...orderFailures);
  const pluginNodes = new Map(order.map((p) => [p.id, p]));

  // --- options --------------------------------------------------------------------------------
  const installed: Installed[] = [];
  for (const node of order) {
    const { definition } = node;
    const options = structuredClone(node.options ?? {}) as Record<string, unknown>;
    if (definition.options) {
      try {
        const errors = compileSchema(definition.options)(options);
        if (errors.length > 0) {
          const list = errors.map((e) => `${e.path || '(options)'} ${e.message}`).join('; ');
          failures.push({ plugin: definition.id, phase: 'options', message: `invalid options: ${list}` });
          continue;
        }
      } catch (cause) {
        failures.push({
          plugin: definition.id,
          phase: 'options',
          message: `options schema does not compile: ${(cause as Error).message}`,
          cause,
        });
        continue;
      }
    }
    installed.push({
      definition: definition as AnyPlugin,
      options,
      logger: logger.child({ plugin: definition.id }),
    });
  }

  // --- register -------------------------------------------------------------------------------
  const entities = new EntityRegistry(failures, (plugin, on) => dependsTransitively(pluginNodes, plugin, on));
  const entityHooks = new Map<string, { hooks: EntityHooks; tappedBy: Set<string> }>();
  const publishedHooks = new Map<symbol, { plugin: string; hooks: object }>();
  const subscribers = new SubscriberRegistry(failures);
  const services = new ServiceRegistry(failures);
  const access = new AccessControl(config.access?.roles ?? {});
  const kernelHooks = createKernelHooks();
  const routes: RouteMount[] = [];
  const bootTimings: BootTiming[] = [];
  const slot = createAsyncSlot<TxScope>();
  // `runner` and `outbox` reference each other through the write callback.
  let outboxRef: Outbox | undefined;
  const runner = new TransactionRunner(config.store, slot, (tx, events) =>
    (outboxRef as Outbox).write(tx, events),
  );
  const repositoryDeps = new Map<string, RepositoryDeps>();
  let compiled = new Map<string, CompiledEntity>();
  let phase: 'register' | 'booted' = 'register';
  let current: string | undefined;

  const repository = (entity: string, actor: Actor): Repository => {
    const deps = repositoryDeps.get(entity);
    if (!deps) {
      throw new RapportError(
        'UNKNOWN_ENTITY',
        `there is no entity '${entity}' (known: ${[...compiled.keys()].join(', ')})`,
        {
          details: { entity },
        },
      );
    }
    return new Repository(deps, actor);
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
    context: (job, slotStart) => ({
      slotStart,
      now: () => clock.now(),
      data: (entity) => repository(entity, SYSTEM_ACTOR) as never,
      resolve: (token) => services.resolve(token),
      logger: logger.child({ plugin: job.plugin, job: job.id }),
    }),
  });
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
    { runner, subscribers, clock, logger: logger.child({ component: 'outbox' }), handlerContext },
    config.outbox,
  );
  outboxRef = outbox;
  runner.onCommitted((ids) => outbox.committed(ids));

  const events: KernelEvents = {
    emit: (name, payload, { actor }) => runner.run(async (scope) => scope.emit(name, payload, actor)),
    drain: () => outbox.drain(),
    subscribers: () => subscribers.list(),
  };

  let kernelRef: Kernel | undefined;
  services.kernelValue(STORE, config.store);
  services.kernelValue(CLOCK, clock);
  services.kernelValue(LOGGER, logger);
  services.kernelValue(METRICS, metrics);
  services.kernelValue(EVENTS, events);
  services.kernelLazy(KERNEL, () => kernelRef as Kernel);

  const declaring = (plugin: string, api: string): void => {
    if (phase !== 'register' || current !== plugin) {
      throw new LifecycleError(`${plugin}: ${api} is a declaration and may only be called inside register()`);
    }
  };
  const hooksFor = (plugin: string, entity: string): EntityHooks => {
    let entry = entityHooks.get(entity);
    if (!entry) {
      entry = { hooks: createEntityHooks(), tappedBy: new Set() };
      entityHooks.set(entity, entry);
    }
    entry.tappedBy.add(plugin);
    return entry.hooks;
  };

  for (const plugin of installed) {
    const id = plugin.definition.id;
    const context: RegisterContext<Record<string, unknown>> = {
      plugin: { id, version: plugin.definition.version },
      options: plugin.options,
      logger: plugin.logger,
      timeZone,
      entities: {
        define: (definition) => {
          declaring(id, 'entities.define');
          entities.define(id, definition as never);
        },
        extend: (entity, extension) => {
          declaring(id, 'entities.extend');
          entities.extend(id, entity, extension);
        },
      },
      hooks: {
        entity: ((entity: string) => {
          declaring(id, 'hooks.entity');
          return hooksFor(id, entity);
        }) as RegisterContext['hooks']['entity'],
        kernel: kernelHooks,
        publish: (token, hooks) => {
          declaring(id, 'hooks.publish');
          const holder = publishedHooks.get(token);
          if (holder)
            failures.push({
              plugin: id,
              phase: 'register',
              message: `hooks '${tokenName(token)}' already published by '${holder.plugin}'`,
            });
          else publishedHooks.set(token, { plugin: id, hooks });
          return hooks;
        },
        get: (token) => {
          declaring(id, 'hooks.get');
          const entry = publishedHooks.get(token);
          if (!entry) {
            throw new LifecycleError(
              `${id}: no plugin published hooks '${tokenName(token)}' (add its plugin to dependsOn)`,
            );
          }
          return entry.hooks as never;
        },
      },
      events: {
        on: (event, handler, options) => {
          declaring(id, 'events.on');
          subscribers.add(id, event, handler as never, options);
        },
      },
      services: {
        provide: (token, provider) => {
          declaring(id, 'services.provide');
          services.provide(id, token, provider);
        },
      },
      access: {
        grant: (role, permissions) => {
          declaring(id, 'access.grant');
          try {
            access.grant(role, permissions);
          } catch (cause) {
            failures.push({ plugin: id, phase: 'register', message: (cause as Error).message, cause });
          }
        },
        rule: (rule) => {
          declaring(id, 'access.rule');
          access.addRule(rule);
        },
      },
      metrics: {
        define: (metric) => {
          declaring(id, 'metrics.define');
          const problem = metrics.add(id, metric);
          if (problem) failures.push({ plugin: id, phase: 'register', message: problem });
        },
      },
      jobs: {
        every: (jobId, interval, run) => {
          declaring(id, 'jobs.every');
          const problem = jobs.add(id, jobId, interval, run);
          if (problem) failures.push({ plugin: id, phase: 'register', message: problem });
        },
      },
      routes: {
        mount: (app, options) => {
          declaring(id, 'routes.mount');
          routes.push({
            plugin: id,
            path: options?.path ?? id,
            app,
            ...(options?.openapi ? { openapi: options.openapi } : {}),
            ...(options?.schemas ? { schemas: options.schemas } : {}),
          });
        },
      },
    };
    services.pluginValue(id, LOGGER, plugin.logger);
    const started = performance.now();
    current = id;
    try {
      plugin.definition.register(context);
    } catch (cause) {
      failures.push({
        plugin: id,
        phase: 'register',
        message: (cause as Error).message ?? String(cause),
        cause,
      });
    } finally {
      current = undefined;
    }
    bootTimings.push({ plugin: id, phase: 'register', ms: performance.now() - started });
  }

  // --- compile --------------------------------------------------------------------------------
  jobs.add('kernel', 'kernel.outboxSweep', (config.outbox?.sweepInterval ?? '5s') as never, async () => {
    if (outbox.autoDispatch) await outbox.dispatchDue();
  });
  compiled = entities.compile(compileSchema);
  for (const [entity, { tappedBy }] of entityHooks) {
    if (!compiled.has(entity)) {
      for (const plugin of tappedBy)
        failures.push({ plugin, phase: 'compile', message: `taps hooks of unknown entity '${entity}'` });
    }
  }
  services.validate(new Set([LOGGER]));
  if (failures.length > 0) throw new BootError(failures);

  phase = 'booted';
  sealHooks(kernelHooks, 'kernel');
  for (const [entity] of compiled) sealHooks(hooksFor('kernel', entity), `entity(${entity})`);
  for (const [token, entry] of publishedHooks) sealHooks(entry.hooks, tokenName(token));
  for (const [name, entity] of compiled) {
    repositoryDeps.set(name, {
      entity,
      hooks: hooksFor('kernel', name),
      access,
      runner,
      clock,
      limits,
      repository,
    });
  }

  const storeSchema: StoreSchema = {
    collections: [...[...compiled.values()].map((e) => e.collection), OUTBOX_SPEC, AUDIT_SPEC, JOBS_SPEC],
  };
  const transaction = <R>(fn: (tx: KernelTransaction) => Promise<R>): Promise<R> =>
    runner.run((scope) =>
      fn({
        data: (entity, { actor }) => repository(entity, actor) as never,
        emit: (name, payload, { actor }) => scope.emit(name, payload, actor),
      }),
    );
  const lifecycleContext = (plugin: Installed): LifecycleContext<Record<string, unknown>> => ({
    plugin: { id: plugin.definition.id, version: plugin.definition.version },
    options: plugin.options,
    logger: plugin.logger,
    timeZone,
    resolve: (token) => services.pluginContainer(plugin.definition.id).resolve(token),
    data: (entity, options) => repository(entity, options?.actor ?? SYSTEM_ACTOR) as never,
    transaction,
    now: () => clock.now(),
  });

  let state: Kernel['state'] = 'ready';
  const started: Installed[] = [];
  const assertRunning = (what: string): void => {
    if (state !== 'running' && state !== 'starting') {
      throw new LifecycleError(`cannot use ${what}: the kernel is ${state} (call start() first)`);
    }
  };

  const kernel: Kernel = {
    get state() {
      return state;
    },
    plugins: installed.map(({ definition }) => ({
      id: definition.id,
      version: definition.version,
      dependsOn: definition.dependsOn ?? [],
      ...(definition.description ? { description: definition.description } : {}),
    })),
    entities: compiled,
    routes,
    hooks: kernelHooks,
    access,
    metrics,
    jobs,
    events,
    clock,
    timeZone,
    logger,
    store: config.store,
    storeSchema,
    bootTimings,
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
      for (const plugin of installed) {
        const begin = performance.now();
        try {
          await plugin.definition.start?.(lifecycleContext(plugin));
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
    data: <T>(entity: string, options: { actor: Actor }) => {
      assertRunning(`data('${entity}')`);
      if (!options?.actor) throw new TypeError(`kernel.data('${entity}') needs { actor }`);
      return repository(entity, options.actor) as unknown as Repository<T>;
    },
    transaction: (fn) => {
      assertRunning('transaction()');
      return transaction(fn);
    },
    resolve: <T>(token: Token<T>) => services.resolve(token),
    async audit(query: FindQuery, { actor }: { actor: Actor }): Promise<Page<AuditRecord>> {
      assertRunning('audit()');
      access.assert(actor, 'audit', 'read');
      return (await findPage(runner, AUDIT_SPEC, query, limits)) as Page<AuditRecord>;
    },
  };

  async function stopPlugins(): Promise<unknown[]> {
    const problems: unknown[] = [];
    for (const plugin of [...started].reverse()) {
      const begin = performance.now();
      try {
        await plugin.definition.stop?.(lifecycleContext(plugin));
      } catch (error) {
        problems.push(error);
        logger.error({ err: error, plugin: plugin.definition.id }, 'plugin failed to stop cleanly');
      }
      bootTimings.push({ plugin: plugin.definition.id, phase: 'stop', ms: performance.now() - begin });
    }
    started.length = 0;
    return problems;
  }

  kernelRef = kernel;
  return kernel;
}
