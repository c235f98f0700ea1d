import type { StoreLogger } from '../util/logger.js';

/** One logged line. */
export interface LoggedLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  details: Record<string, unknown>;
}

/** A {@link StoreLogger} that keeps every line, for assertions. */
export function memoryLogger(): StoreLogger & { lines: LoggedLine[] } {
  const lines: LoggedLine[] = [];
  const log =
    (level: LoggedLine['level']) =>
    (details: object, message: string): void => {
      lines.push({ level, message, details: details as Record<string, unknown> });
    };
  return { lines, info: log('info'), warn: log('warn'), error: log('error') };
}
