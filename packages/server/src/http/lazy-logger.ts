import type { Logger } from '@rapport/core';

/**
 * A child logger that is only created when first used: most requests never log, and a pino
 * child costs a bindings serialisation per request.
 */
export function lazyChildLogger(parent: Logger, bindings: Record<string, unknown>): Logger {
  let child: Logger | undefined;
  const target = () => {
    child ??= parent.child(bindings);
    return child;
  };
  return new Proxy({} as Logger, {
    get(_shell, property) {
      const logger = target();
      const value: unknown = Reflect.get(logger, property, logger);
      return typeof value === 'function' ? value.bind(logger) : value;
    },
    set: (_shell, property, value) => Reflect.set(target(), property, value),
    has: (_shell, property) => property in target(),
  });
}
