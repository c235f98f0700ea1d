import { createRequire } from 'node:module';
import { type DestinationStream, type Logger, pino } from 'pino';

/** Paths pino blanks out wherever they appear, so secrets never reach a log. */
export const REDACTED_PATHS = [
  'authorization',
  'password',
  'secret',
  'token',
  'apiKey',
  'key',
  '*.authorization',
  '*.password',
  '*.secret',
  '*.token',
  '*.apiKey',
  'RAPPORT_SECRET',
  '*.RAPPORT_SECRET',
  'keys[*].secret',
  '*.keys[*].secret',
  'passwordHash',
  '*.passwordHash',
  'currentPassword',
  '*.currentPassword',
  'newPassword',
  '*.newPassword',
  'csrfToken',
  '*.csrfToken',
  'sessionToken',
  '*.sessionToken',
  'cookie',
  '*.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'headers["x-csrf-token"]',
];

/** Where a logger writes: a stream that may be a terminal (`process.stdout`, `process.stderr`). */
export interface LogStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Where lines go (default stdout). */
  destination?: LogStream;
  /** Read for `RAPPORT_LOG_FORMAT` and `NODE_ENV` (default `process.env`). */
  env?: Record<string, string | undefined>;
}

/**
 * How lines are written: `RAPPORT_LOG_FORMAT` (`json` or `pretty`) when set; otherwise pretty —
 * coloured, one readable line per entry — when `stream` is a terminal and `NODE_ENV` is not
 * `production`, and JSON lines (for log shippers) everywhere else.
 */
export function logFormat(stream: LogStream, env: Record<string, string | undefined>): 'json' | 'pretty' {
  const chosen = env.RAPPORT_LOG_FORMAT?.trim().toLowerCase();
  if (chosen === 'json' || chosen === 'pretty') return chosen;
  return stream.isTTY === true && env.NODE_ENV !== 'production' ? 'pretty' : 'json';
}

const load = createRequire(import.meta.url);

/**
 * A Rapport logger at `level`, secrets redacted ({@link REDACTED_PATHS}) in either format: JSON
 * lines, or pino-pretty's lines on a terminal in development (see {@link logFormat}); pino-pretty
 * is loaded only then. The kernel's default logger writes to stdout at `RAPPORT_LOG_LEVEL` or `info`.
 */
export function createLogger(
  level = process.env.RAPPORT_LOG_LEVEL ?? 'info',
  options: LoggerOptions = {},
): Logger {
  const stream = options.destination ?? process.stdout;
  const settings = { name: 'rapport', level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  if (logFormat(stream, options.env ?? process.env) === 'pretty') {
    const { prettyFactory } = load('pino-pretty') as typeof import('pino-pretty');
    // Formatted in process, line by line, so any stream will do (not only a Node stream).
    const prettify = prettyFactory({ colorize: stream.isTTY === true });
    return pino(settings, { write: (line: string) => void stream.write(prettify(line)) });
  }
  return options.destination ? pino(settings, options.destination as DestinationStream) : pino(settings);
}

/** Is this already a pino logger (rather than options for one)? */
export function isLogger(value: unknown): value is Logger {
  return typeof value === 'object' && value !== null && typeof (value as Logger).child === 'function';
}
