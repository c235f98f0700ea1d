import { type Logger, REDACTED_PATHS } from '@rapport/core';
import { pino } from 'pino';
import type { RapportConfig } from '../config/define-config.js';
import type { OutputStream } from '../io.js';

/** Options of {@link createCliLogger}. */
export interface CliLoggerOptions {
  /** Where JSON lines go (the CLI keeps stdout for data: logs go to stderr). */
  destination: OutputStream;
  env: Record<string, string | undefined>;
  /** Level when neither `RAPPORT_LOG_LEVEL` nor the config sets one. */
  defaultLevel: string;
}

/**
 * The logger a command gives the kernel: the config's own pino logger if it has one; otherwise
 * pino JSON lines at `RAPPORT_LOG_LEVEL`, else the config's `logger.level`, else `defaultLevel`.
 */
export function createCliLogger(config: RapportConfig, options: CliLoggerOptions): Logger {
  if (config.logger && typeof (config.logger as Logger).child === 'function') return config.logger as Logger;
  const level =
    options.env.RAPPORT_LOG_LEVEL ||
    (config.logger as { level?: string } | undefined)?.level ||
    options.defaultLevel;
  return pino(
    { name: 'rapport', level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    options.destination as unknown as pino.DestinationStream,
  );
}
