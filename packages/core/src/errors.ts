/** One field-level problem inside a {@link ValidationError}. */
export interface FieldError {
  /** Dotted path of the offending field (`amount.amount`), or `''` for the whole record. */
  path: string;
  /** A sentence a person can act on. */
  message: string;
  /** The rule that failed (`type`, `required`, `unknown`, `system-field`, a JSON Schema keyword, ...). */
  rule: string;
}

/** Options every {@link RapportError} accepts. */
export interface RapportErrorOptions {
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * Base class of every error Rapport throws on purpose: a stable `code`, a sentence for humans
 * (`message`), structured `details`, and the underlying `cause` when there is one.
 *
 * @example
 * ```ts
 * try { await repo.get(id); } catch (e) { if (e instanceof RapportError && e.code === 'NOT_FOUND') ... }
 * ```
 */
export class RapportError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(code: string, message: string, options: RapportErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details ?? {};
  }
}

/** A record or query broke a schema or business rule; `errors` lists each field. */
export class ValidationError extends RapportError {
  readonly errors: FieldError[];

  constructor(message: string, errors: FieldError[], options: RapportErrorOptions = {}) {
    super('VALIDATION_FAILED', message, { ...options, details: { ...options.details, errors } });
    this.errors = errors;
  }
}

/** The requested record does not exist (or the actor may not know it exists). */
export class NotFoundError extends RapportError {
  constructor(message: string, options: RapportErrorOptions = {}) {
    super('NOT_FOUND', message, options);
  }
}

/** A version check failed or a unique value is taken. */
export class ConflictError extends RapportError {
  constructor(message: string, options: RapportErrorOptions = {}) {
    super('CONFLICT', message, options);
  }
}

/** The actor lacks a permission, or a record rule excludes the record. */
export class ForbiddenError extends RapportError {
  constructor(message: string, options: RapportErrorOptions = {}) {
    super('FORBIDDEN', message, options);
  }
}

/** A query is malformed: unknown field, bad operator, wrong value type, bad cursor. */
export class InvalidQueryError extends RapportError {
  constructor(message: string, options: RapportErrorOptions = {}) {
    super('INVALID_QUERY', message, options);
  }
}

/** An API was used at the wrong time (a declaration after boot, a repository before start). */
export class LifecycleError extends RapportError {
  constructor(message: string, options: RapportErrorOptions = {}) {
    super('LIFECYCLE', message, options);
  }
}

/** One failure found while booting, attributed to a plugin and a phase. */
export interface BootFailure {
  plugin: string;
  phase: 'resolve' | 'options' | 'register' | 'compile' | 'open' | 'start';
  message: string;
  cause?: unknown;
}

/** Boot failed; `failures` gathers every problem found, each naming its plugin and phase. */
export class BootError extends RapportError {
  readonly failures: BootFailure[];

  constructor(failures: BootFailure[]) {
    const lines = failures.map((f) => `  - [${f.plugin}] ${f.phase}: ${f.message}`);
    super('BOOT_FAILED', `Rapport failed to boot (${failures.length} problem(s)):\n${lines.join('\n')}`, {
      details: { failures: failures.map(({ plugin, phase, message }) => ({ plugin, phase, message })) },
      cause: failures.length === 1 ? failures[0]?.cause : new AggregateError(failures.map((f) => f.cause)),
    });
    this.failures = failures;
  }
}

/** Codes a store adapter may throw, so callers never depend on a driver's own errors. */
export type StoreErrorCode = 'NOT_FOUND' | 'CONFLICT' | 'INVALID' | 'UNAVAILABLE';

/** The only error a store adapter throws; the driver's error is kept as `cause`. */
export class StoreError extends RapportError {
  declare readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options: RapportErrorOptions = {}) {
    super(code, message, options);
  }
}
