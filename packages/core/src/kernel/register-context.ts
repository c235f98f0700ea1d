import { tokenName } from '../di/tokens.js';
import { LifecycleError } from '../errors.js';
import type { RegisterContext } from '../plugins/define-plugin.js';
import { publicRouteMount } from '../plugins/public-routes.js';
import type { InstalledPlugin } from './install-plugins.js';
import type { KernelParts } from './kernel-parts.js';
import { absentDependencyHint, createPluginPresence } from './plugin-presence.js';

/**
 * Which plugin may declare right now: only the plugin whose `register` is running, and only
 * during the register phase. Every declaration API checks it, so a call kept for later throws.
 */
export class DeclarationGuard {
  #current: string | undefined;
  #open = true;

  /** Runs `register` of `plugin` with declarations allowed for it alone. */
  during<R>(plugin: string, register: () => R): R {
    this.#current = plugin;
    try {
      return register();
    } finally {
      this.#current = undefined;
    }
  }

  /** Ends the register phase: from now on every declaration throws. */
  close(): void {
    this.#open = false;
  }

  /** Throws a {@link LifecycleError} unless `plugin` is registering now. */
  assert(plugin: string, api: string): void {
    if (!this.#open || this.#current !== plugin) {
      throw new LifecycleError(`${plugin}: ${api} is a declaration and may only be called inside register()`);
    }
  }
}

/**
 * The declaration API one plugin gets in `register`: each call checks the guard, then writes
 * into the kernel's registries. Problems a declaration can report without throwing (a duplicate
 * metric, a bad permission) are gathered as boot failures of that plugin.
 */
export function createRegisterContext(
  plugin: InstalledPlugin,
  parts: KernelParts,
  guard: DeclarationGuard,
): RegisterContext<Record<string, unknown>> {
  const id = plugin.definition.id;
  const declare = guard.assert.bind(guard);
  const fail = (message: string, cause?: unknown) =>
    parts.failures.push({ plugin: id, phase: 'register', message, ...(cause ? { cause } : {}) });
  return {
    plugin: { id, version: plugin.definition.version },
    options: plugin.options,
    logger: plugin.logger,
    timeZone: parts.timeZone,
    plugins: createPluginPresence(plugin),
    entities: {
      define: (...definitions) => {
        declare(id, 'entities.define');
        for (const definition of definitions) parts.entities.define(id, definition as never);
      },
      extend: (entity, extension) => {
        declare(id, 'entities.extend');
        const hint = parts.entities.has(entity) ? undefined : absentDependencyHint(plugin);
        if (hint) fail(`cannot extend unknown entity '${entity}': ${hint}`);
        else parts.entities.extend(id, entity, extension);
      },
    },
    hooks: {
      entity: ((entity: string) => {
        declare(id, 'hooks.entity');
        return parts.entityHooks.for(id, entity);
      }) as RegisterContext['hooks']['entity'],
      kernel: parts.kernelHooks,
      publish: (token, hooks) => {
        declare(id, 'hooks.publish');
        const holder = parts.publishedHooks.get(token);
        if (holder) fail(`hooks '${tokenName(token)}' already published by '${holder.plugin}'`);
        else parts.publishedHooks.set(token, { plugin: id, hooks });
        return hooks;
      },
      get: (token) => {
        declare(id, 'hooks.get');
        const entry = parts.publishedHooks.get(token);
        if (!entry) {
          const name = tokenName(token);
          const hint = absentDependencyHint(plugin, name.split('.')[0]);
          throw new LifecycleError(
            `${id}: no plugin published hooks '${name}'${hint ? `: ${hint}` : ' (add its plugin to dependsOn)'}`,
          );
        }
        return entry.hooks as never;
      },
    },
    events: {
      on: (event, handler, options) => {
        declare(id, 'events.on');
        parts.subscribers.add(id, event, handler as never, options);
      },
    },
    services: {
      provide: (token, provider) => {
        declare(id, 'services.provide');
        parts.services.provide(id, token, provider);
      },
    },
    access: {
      grant: (role, permissions) => {
        declare(id, 'access.grant');
        try {
          parts.access.grant(role, permissions);
        } catch (cause) {
          fail((cause as Error).message, cause);
        }
      },
      rule: (rule) => {
        declare(id, 'access.rule');
        parts.access.addRule(rule);
      },
      fields: (role, rules) => {
        declare(id, 'access.fields');
        try {
          parts.access.restrictFields(role, rules, id);
        } catch (cause) {
          fail((cause as Error).message, cause);
        }
      },
    },
    metrics: {
      define: (metric) => {
        declare(id, 'metrics.define');
        const problem = parts.metrics.add(id, metric);
        if (problem) fail(problem);
      },
    },
    jobs: {
      every: (jobId, interval, run) => {
        declare(id, 'jobs.every');
        const problem = parts.jobs.add(id, jobId, interval, run);
        if (problem) fail(problem.message, problem.cause);
      },
      cron: (jobId, expression, run, options) => {
        declare(id, 'jobs.cron');
        const problem = parts.jobs.addCron(id, jobId, expression, options?.timeZone ?? parts.timeZone, run);
        if (problem) fail(problem.message, problem.cause);
      },
    },
    routes: {
      mount: (app, options) => {
        declare(id, 'routes.mount');
        parts.routes.push({
          plugin: id,
          path: options?.path ?? id,
          app,
          ...(options?.openapi ? { openapi: options.openapi } : {}),
          ...(options?.schemas ? { schemas: options.schemas } : {}),
        });
      },
      public: (app, options) => {
        declare(id, 'routes.public');
        const mount = publicRouteMount(id, app, options ?? {}, parts.publicRoutes);
        if (typeof mount === 'string') fail(mount);
        else parts.publicRoutes.push(mount);
      },
    },
    views: {
      declare: (view) => {
        declare(id, 'views.declare');
        const problem = parts.views.add(id, view);
        if (problem) fail(problem);
      },
      tiles: (rows, options) =>
        rows.map(([tileId, metric, title]) => {
          declare(id, 'views.declare');
          const problem = parts.views.add(id, { id: tileId, kind: 'tile', title, metric, ...options });
          if (problem) fail(problem);
          return tileId;
        }),
      menu: (entry) => {
        declare(id, 'views.menu');
        const problem = parts.views.addMenu(id, entry);
        if (problem) fail(problem);
      },
      assets: (directory) => {
        declare(id, 'views.assets');
        const problem = parts.views.addAssets(id, directory);
        if (problem) fail(problem);
      },
    },
    links: {
      purpose: (purpose, options) => {
        declare(id, 'links.purpose');
        const problem = parts.linkPurposes.add(id, purpose, options);
        if (problem) fail(problem);
      },
    },
  };
}
