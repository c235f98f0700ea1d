import { type FieldError, RapportError } from '@rapport/core';
import { CommanderError } from 'commander';

/** Exit codes of `rapport`: 0 ok, 1 failure (including rows that failed to import), 2 usage, 130 interrupted. */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

/** The command line was wrong: a bad option value, a missing argument, an unknown entity. Exits 2. */
export class UsageError extends RapportError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('USAGE', message, details ? { details } : {});
  }
}

/**
 * Is this a Rapport error (a stable `code` and `details`)? Checked by shape, not `instanceof`: a
 * config may load its own copy of `@rapport/core` (a globally installed CLI, a linked package).
 */
export function isRapportError(error: unknown): error is RapportError {
  return (
    error instanceof Error &&
    typeof (error as RapportError).code === 'string' &&
    typeof (error as RapportError).details === 'object' &&
    (error as RapportError).details !== null
  );
}

/** The field errors a failure carries: a `ValidationError`'s, or a remote problem's `errors` list. */
export function fieldErrorsOf(error: unknown): FieldError[] {
  if (!isRapportError(error)) return [];
  const errors = error.details.errors;
  if (!Array.isArray(errors)) return [];
  return errors.filter(
    (e): e is FieldError =>
      typeof e === 'object' && e !== null && typeof (e as FieldError).message === 'string',
  );
}

/** The exit code for an error thrown by a command. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (isRapportError(error) && error.code === 'INTERRUPTED') return EXIT.interrupted;
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  return EXIT.failure;
}

/** `path message` for one field error (`''` is the whole record). */
export function describeFieldError(error: FieldError): string {
  return error.path ? `${error.path} ${error.message}` : error.message;
}

/**
 * One readable line for an error: `error: <message> (<CODE>)`, field errors appended after a colon.
 * With `debug` (RAPPORT_DEBUG=1) the stack and the chain of causes follow.
 */
export function formatError(error: unknown, debug = false): string {
  let line: string;
  if (isRapportError(error)) {
    const fields = fieldErrorsOf(error).map(describeFieldError);
    const code = error.code === 'USAGE' ? '' : ` (${error.code})`;
    line = `error: ${error.message}${code}${fields.length > 0 ? `: ${fields.join('; ')}` : ''}`;
  } else if (error instanceof Error) {
    line = `error: ${error.message}`;
  } else {
    line = `error: ${String(error)}`;
  }
  if (!debug) return line;
  const chain: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth += 1) {
    chain.push(current.stack ?? String(current));
    current = current.cause;
  }
  return [line, ...chain.map((stack, i) => (i === 0 ? stack : `caused by: ${stack}`))].join('\n');
}
