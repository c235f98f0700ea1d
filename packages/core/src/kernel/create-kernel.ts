import type { Actor } from '../access/actor.js';
import { fieldRuleFailures } from '../access/field-rule-checks.js';
import { AUDIT_SPEC, type AuditRecord } from '../audit/audit-collection.js';
import { redactAudit } from '../audit/redact-audit.js';
import { findPage } from '../data/find-page.js';
import type { Repository } from '../data/repository.js';
import type { Token } from '../di/tokens.js';
import { tokenName } from '../di/tokens.js';
import { MAX_PAGE_SIZE } from '../entities/schema-blocks.js';
import { createSchemaCompiler } from '../entities/schema-validator.js';
import { BootError, type BootFailure } from '../errors.js';
import { OUTBOX_SPEC } from '../events/outbox-collection.js';
import { sealHooks } from '../hooks/seal.js';
import { IDEMPOTENCY_SPEC } from '../idempotency/idempotency-collection.js';
import { JOBS_SPEC } from '../jobs/job-collection.js';
import { LINKS_SPEC } from '../links/link-collection.js';
import type { FindQuery, Page } from '../query/types.js';
import { SECRETS_SPEC } from '../secrets/secret-collection.js';
import { SESSIONS_SPEC } from '../sessions/session-collection.js';
import type { StoreSchema } from '../store/types.js';
import { USER_ENTITY } from '../users/user-entity.js';
import { timeZoneProblem } from '../util/calendar.js';
import { systemClock } from '../util/clock.js';
import { type InstalledPlugin, installPlugins } from './install-plugins.js';
import { createKernelParts, type KernelParts } from './kernel-parts.js';
import { LOGGER } from './kernel-tokens.js';
import type { Kernel, KernelConfig, KernelTransaction } from './kernel-types.js';
import { createLifecycle } from './lifecycle.js';
import { createLogger, isLogger } from './logger.js';
import { createRegisterContext, DeclarationGuard } from './register-context.js';

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
  const compileSchema = createSchemaCompiler();
  const timeZone = config.timeZone ?? 'UTC';
  const zoneProblem = timeZoneProblem(timeZone);
  if (zoneProblem) failures.push({ plugin: 'kernel', phase: 'config', message: `timeZone ${zoneProblem}` });
  const maxLimit = config.query?.maxLimit;
  if (maxLimit !== undefined && !(Number.isInteger(maxLimit) && maxLimit >= 1 && maxLimit <= MAX_PAGE_SIZE)) {
    failures.push({
      plugin: 'kernel',
      phase: 'config',
      message: `query.maxLimit must be an integer from 1 to ${MAX_PAGE_SIZE} (the largest page the API documents), got ${String(maxLimit)}`,
    });
  }

  const { installed, dependsOn } = installPlugins(config, compileSchema, logger, failures);
  const parts = createKernelParts({ config, failures, clock, logger, timeZone, compileSchema, dependsOn });
  registerPlugins(installed, parts);
  compileAndSeal(parts);

  const { runner, repository } = parts;
  const storeSchema: StoreSchema = {
    collections: [
      ...[...parts.compiled.values()].map((e) => e.collection),
      OUTBOX_SPEC,
      AUDIT_SPEC,
      JOBS_SPEC,
      LINKS_SPEC,
      SECRETS_SPEC,
      // Sessions belong to users: the collection exists where the `users()` plugin is installed.
      ...(parts.compiled.has(USER_ENTITY) ? [SESSIONS_SPEC] : []),
      IDEMPOTENCY_SPEC,
    ],
  };
  const transaction = <R>(fn: (tx: KernelTransaction) => Promise<R>): Promise<R> =>
    runner.run((scope) =>
      fn({
        data: (entity, { actor }) => repository(entity, actor) as never,
        emit: (name, payload, { actor }) => scope.emit(name, payload, actor),
      }),
    );
  const lifecycle = createLifecycle(parts, installed, storeSchema, transaction);
  const { access, metrics, jobs } = parts;

  const kernel: Kernel = {
    get state() {
      return lifecycle.state();
    },
    plugins: installed.map(({ definition }) => ({
      id: definition.id,
      version: definition.version,
      dependsOn: definition.dependsOn ?? [],
      optionalDependsOn: definition.optionalDependsOn ?? [],
      ...(definition.description ? { description: definition.description } : {}),
    })),
    entities: parts.compiled,
    routes: parts.routes,
    publicRoutes: parts.publicRoutes,
    hooks: parts.kernelHooks,
    access: {
      can: (actor, resource, action) => access.can(actor, resource, action),
      assert: (actor, resource, action) => access.assert(actor, resource, action),
      rulesFor: (actor, entity) => access.rulesFor(actor, entity),
      roles: () => access.roles(),
      hasRole: (role) => access.hasRole(role),
      fieldsFor: (actor, entity) => access.fieldsFor(actor, entity),
      redact: (actor, entity, record) => access.redact(actor, entity, record),
      fieldRules: () => access.fieldRules(),
    },
    metrics: {
      list: () => metrics.list(),
      describe: (id) => metrics.describe(id),
      compute: (id, period, options) => metrics.compute(id, period, options),
    },
    views: parts.views.view(),
    jobs: {
      list: () => jobs.list(),
      runDue: () => jobs.runDue(),
      runNow: (id) => jobs.runNow(id),
    },
    events: parts.events,
    clock,
    timeZone,
    logger,
    store: config.store,
    storeSchema,
    bootTimings: parts.bootTimings,
    telemetry: parts.telemetry,
    start: () => lifecycle.start(),
    stop: () => lifecycle.stop(),
    data: <T>(entity: string, options: { actor: Actor }) => {
      lifecycle.assertRunning(`data('${entity}')`);
      if (!options?.actor) throw new TypeError(`kernel.data('${entity}') needs { actor }`);
      return repository(entity, options.actor) as unknown as Repository<T>;
    },
    transaction: (fn) => {
      lifecycle.assertRunning('transaction()');
      return transaction(fn);
    },
    resolve: <T>(token: Token<T>) => parts.services.resolve(token),
    async audit(query: FindQuery, { actor }: { actor: Actor }): Promise<Page<AuditRecord>> {
      lifecycle.assertRunning('audit()');
      access.assert(actor, 'audit', 'read');
      // Field rules reach the trail too: a value hidden from the caller is redacted, which needs
      // each record's entity even when the caller's projection leaves it out.
      const projected = Array.isArray(query?.fields) && !query.fields.includes('entity');
      const asked = projected ? { ...query, fields: [...(query.fields as string[]), 'entity'] } : query;
      const page = (await findPage(runner, AUDIT_SPEC, asked, parts.limits)) as Page<AuditRecord>;
      const items = page.items.map((item) => {
        const shown = redactAudit(item, access.fieldsFor(actor, item.entity));
        if (!projected) return shown;
        const { entity: _entity, ...rest } = shown;
        return rest as AuditRecord;
      });
      return { ...page, items };
    },
  };
  parts.bindKernel(kernel);
  return kernel;
}

/** The register phase: each plugin's `register`, in boot order, with its own declaration API. */
function registerPlugins(installed: readonly InstalledPlugin[], parts: KernelParts): void {
  const guard = new DeclarationGuard();
  for (const plugin of installed) {
    const id = plugin.definition.id;
    const context = createRegisterContext(plugin, parts, guard);
    parts.services.pluginValue(id, LOGGER, plugin.logger);
    const began = performance.now();
    try {
      guard.during(id, () => plugin.definition.register(context));
    } catch (cause) {
      parts.failures.push({
        plugin: id,
        phase: 'register',
        message: (cause as Error).message ?? String(cause),
        cause,
      });
    }
    parts.bootTimings.push({ plugin: id, phase: 'register', ms: performance.now() - began });
  }
  guard.close();
}

/**
 * The compile phase: the kernel's own jobs, entity schemas merged and compiled, taps of unknown
 * entities and missing services reported; then (when nothing failed) every hook set sealed and
 * each entity's repository wiring made. Throws the {@link BootError} of every failure so far.
 */
function compileAndSeal(parts: KernelParts): void {
  const { failures, outbox, config } = parts;
  parts.jobs.add('kernel', 'kernel.outboxSweep', config.outbox?.sweepInterval ?? '5s', async () => {
    if (outbox.autoDispatch) await outbox.dispatchDue();
  });
  parts.jobs.add('kernel', 'kernel.linkSweep', '1h', async () => {
    await parts.links.sweep();
  });
  parts.jobs.add('kernel', 'kernel.idempotencySweep', '1h', async () => {
    await parts.idempotency.sweep();
  });
  for (const [name, entity] of parts.entities.compile(parts.compileSchema)) parts.compiled.set(name, entity);
  if (parts.compiled.has(USER_ENTITY)) {
    parts.jobs.add('kernel', 'kernel.sessionSweep', '10m', async () => {
      await parts.sessions.sweep();
    });
  }
  for (const { entity, plugins } of parts.entityHooks.tapped()) {
    if (parts.compiled.has(entity)) continue;
    for (const plugin of plugins) {
      failures.push({ plugin, phase: 'compile', message: `taps hooks of unknown entity '${entity}'` });
    }
  }
  parts.views.check({ entities: parts.compiled, metrics: parts.metrics.list(), failures });
  failures.push(...fieldRuleFailures(parts.access, parts.compiled));
  parts.services.validate(new Set([LOGGER]));
  if (failures.length > 0) throw new BootError(failures);

  sealHooks(parts.kernelHooks, 'kernel');
  for (const [token, entry] of parts.publishedHooks) sealHooks(entry.hooks, tokenName(token));
  for (const [name, entity] of parts.compiled) {
    const hooks = parts.entityHooks.for('kernel', name);
    sealHooks(hooks, `entity(${name})`);
    parts.repositoryDeps.set(name, {
      entity,
      hooks,
      access: parts.access,
      runner: parts.runner,
      clock: parts.clock,
      limits: parts.limits,
      repository: parts.repository,
      schemaOf: parts.schemaOf,
    });
  }
}
