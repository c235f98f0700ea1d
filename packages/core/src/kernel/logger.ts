import { type Logger, pino } from 'pino';

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

/** The kernel's default logger: JSON lines on stdout, secrets redacted. */
export function createLogger(level = process.env.RAPPORT_LOG_LEVEL ?? 'info'): Logger {
  return pino({ name: 'rapport', level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}

/** Is this already a pino logger (rather than options for one)? */
export function isLogger(value: unknown): value is Logger {
  return typeof value === 'object' && value !== null && typeof (value as Logger).child === 'function';
}
