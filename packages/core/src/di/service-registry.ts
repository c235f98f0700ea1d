import 'reflect-metadata';
import { type DependencyContainer, instanceCachingFactory, container as rootContainer } from 'tsyringe';
import type { BootFailure } from '../errors.js';
import { type Token, tokenName } from './tokens.js';

/** Resolves a map of tokens to a map of services. */
export type ResolvedDeps<D extends Record<string, Token<unknown>>> = {
  [K in keyof D]: D[K] extends Token<infer T> ? T : never;
};

/**
 * How a plugin provides a service: a ready value, a factory with an explicit dependency map, or
 * a class whose constructor parameters each carry tsyringe's `@inject(TOKEN)` (no reliance on
 * emitted decorator metadata). Services are singletons per kernel. Factories are synchronous:
 * make async resources in `start` and provide them as values from there.
 */
export type Provider<T, D extends Record<string, Token<unknown>> = Record<string, Token<unknown>>> =
  | { value: T }
  | { deps?: D; factory: (deps: ResolvedDeps<D>) => T }
  | { useClass: new (...args: never[]) => T };

const INJECTION_TOKENS = 'injectionTokens';

interface Registration {
  plugin: string;
  deps: symbol[];
}

/**
 * One tsyringe container per kernel (a child of tsyringe's root, so two kernels share nothing),
 * one child container per plugin. Checks at boot that every dependency has a provider and that
 * no provider depends on itself through others (reported with the path).
 */
export class ServiceRegistry {
  readonly container: DependencyContainer = rootContainer.createChildContainer();
  readonly #plugins = new Map<string, DependencyContainer>();
  readonly #registrations = new Map<symbol, Registration>();
  readonly #failures: BootFailure[];

  constructor(failures: BootFailure[]) {
    this.#failures = failures;
  }

  /** Registers a kernel-owned value. */
  kernelValue<T>(token: Token<T>, value: T): void {
    this.container.register(token, { useValue: value });
    this.#registrations.set(token, { plugin: 'kernel', deps: [] });
  }

  /** Registers a kernel-owned value that exists only later (the kernel itself). */
  kernelLazy<T>(token: Token<T>, get: () => T): void {
    this.container.register(token, { useFactory: () => get() });
    this.#registrations.set(token, { plugin: 'kernel', deps: [] });
  }

  /** The plugin's child container (its own logger and options live there). */
  pluginContainer(plugin: string): DependencyContainer {
    let child = this.#plugins.get(plugin);
    if (!child) {
      child = this.container.createChildContainer();
      this.#plugins.set(plugin, child);
    }
    return child;
  }

  /** Registers a plugin-scoped value, visible to that plugin's services only. */
  pluginValue<T>(plugin: string, token: Token<T>, value: T): void {
    this.pluginContainer(plugin).register(token, { useValue: value });
  }

  /** Provides a service to the whole kernel; a second provider of the same token is a boot error. */
  provide<T, D extends Record<string, Token<unknown>>>(
    plugin: string,
    token: Token<T>,
    provider: Provider<T, D>,
  ): void {
    const existing = this.#registrations.get(token);
    if (existing) {
      this.#fail(plugin, `service '${tokenName(token)}' is already provided by '${existing.plugin}'`);
      return;
    }
    const scope = this.pluginContainer(plugin);
    if ('value' in provider) {
      this.container.register(token, { useValue: provider.value });
      this.#registrations.set(token, { plugin, deps: [] });
    } else if ('factory' in provider) {
      const deps = provider.deps ?? ({} as D);
      this.container.register(token, {
        useFactory: instanceCachingFactory(() => {
          const resolved: Record<string, unknown> = {};
          for (const [key, dep] of Object.entries(deps)) resolved[key] = scope.resolve(dep);
          return provider.factory(resolved as ResolvedDeps<D>);
        }),
      });
      this.#registrations.set(token, { plugin, deps: Object.values(deps) });
    } else {
      const tokens = (Reflect.getOwnMetadata(INJECTION_TOKENS, provider.useClass) ?? {}) as Record<
        string,
        unknown
      >;
      const missing = Array.from({ length: provider.useClass.length }, (_, i) => i).filter(
        (i) => !(i in tokens),
      );
      if (missing.length > 0) {
        this.#fail(
          plugin,
          `class ${provider.useClass.name} for '${tokenName(token)}' needs @inject(TOKEN) on constructor parameter(s) ${missing.join(', ')}`,
        );
        return;
      }
      const cls = provider.useClass;
      this.container.register(token, {
        useFactory: instanceCachingFactory(() => scope.resolve(cls as never)),
      });
      this.#registrations.set(token, {
        plugin,
        deps: Object.values(tokens).filter((t): t is symbol => typeof t === 'symbol'),
      });
    }
  }

  /** Reports providers whose dependencies are missing or circular. */
  validate(pluginScoped: Set<symbol>): void {
    for (const [token, registration] of this.#registrations) {
      for (const dep of registration.deps) {
        if (!this.#registrations.has(dep) && !pluginScoped.has(dep)) {
          this.#fail(
            registration.plugin,
            `service '${tokenName(token)}' depends on '${tokenName(dep)}', which nobody provides`,
          );
        }
      }
    }
    const reported = new Set<symbol>();
    for (const start of this.#registrations.keys()) {
      const cycle = this.#findCycle(start, []);
      if (cycle && !cycle.some((t) => reported.has(t))) {
        for (const t of cycle) reported.add(t);
        const owner = this.#registrations.get(start)?.plugin ?? 'kernel';
        this.#fail(owner, `services depend on each other in a cycle: ${cycle.map(tokenName).join(' -> ')}`);
      }
    }
  }

  /** Resolves a service from the kernel container. */
  resolve<T>(token: Token<T>): T {
    return this.container.resolve<T>(token);
  }

  /** Whether a token has a provider. */
  has(token: symbol): boolean {
    return this.#registrations.has(token);
  }

  #findCycle(token: symbol, path: symbol[]): symbol[] | undefined {
    const index = path.indexOf(token);
    if (index >= 0) return [...path.slice(index), token];
    for (const dep of this.#registrations.get(token)?.deps ?? []) {
      const cycle = this.#findCycle(dep, [...path, token]);
      if (cycle) return cycle;
    }
    return undefined;
  }

  #fail(plugin: string, message: string): void {
    this.#failures.push({ plugin, phase: 'register', message });
  }
}
