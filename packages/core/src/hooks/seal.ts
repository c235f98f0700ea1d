import { LifecycleError } from '../errors.js';

interface Interceptable {
  intercept(interceptor: { register?: (tap: never) => unknown }): void;
}

function isHook(value: unknown): value is Interceptable {
  return (
    typeof value === 'object' && value !== null && typeof (value as Interceptable).intercept === 'function'
  );
}

/**
 * Freezes a hook object: existing taps stay, any later tap throws a {@link LifecycleError}
 * (taps are declarations and belong in `register`). Works on any object whose values are
 * tapable hooks, so plugins' own published hook sets are sealed the same way.
 */
export function sealHooks<H extends object>(hooks: H, owner: string): Readonly<H> {
  for (const [key, hook] of Object.entries(hooks)) {
    if (!isHook(hook)) continue;
    let sealed = false;
    hook.intercept({
      register: ((tap: { name: string }) => {
        if (sealed) {
          throw new LifecycleError(
            `cannot tap '${owner}.${key}' (tap '${tap.name}') after boot: hooks are tapped in register()`,
          );
        }
        return tap;
      }) as never,
    });
    sealed = true;
  }
  return Object.freeze(hooks);
}
