import { createLogger, type Logger } from '@rapport/core';
import type { RapportConfig } from '../config/define-config.js';
import type { OutputStream } from '../io.js';

/** Options of {@link createCliLogger}. */
export interface CliLoggerOptions {
  /**
   * Where lines go (the CLI keeps stdout for data: logs go to stderr): pretty-printed when it is
   * a terminal outside production, JSON lines otherwise (`RAPPORT_LOG_FORMAT` overrides).
   */
  destination: OutputStream;
  env: Record<string, string | undefined>;
  /** Level when neither `RAPPORT_LOG_LEVEL` nor the config sets one. */
  defaultLevel: string;
}

/**
 * The logger a command gives the kernel: the config's own pino logger if it has one; otherwise
 * the kernel's logger ({@link createLogger}: redacted, pretty on a terminal, JSON elsewhere) at
 * `RAPPORT_LOG_LEVEL`, else the config's `logger.level`, else `defaultLevel`.
 */
export function createCliLogger(config: RapportConfig, options: CliLoggerOptions): Logger {
  if (config.logger && typeof (config.logger as Logger).child === 'function') return config.logger as Logger;
  const level =
    options.env.RAPPORT_LOG_LEVEL ||
    (config.logger as { level?: string } | undefined)?.level ||
    options.defaultLevel;
  return createLogger(level, { destination: options.destination, env: options.env });
}
