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

/**
 * A {@link ValidationError} about one field of an entity: `invalid <entity>: <path> <message>`,
 * with the rule that failed (by convention `<plugin>.<rule>` for a plugin's business rules).
 *
 * @example
 * ```ts
 * throw fieldError('deal', 'stage', 'sales.stage', "is not a stage of pipeline 'renewals'");
 * ```
 */
export function fieldError(entity: string, path: string, rule: string, message: string): ValidationError {
  return new ValidationError(`invalid ${entity}: ${path} ${message}`, [{ path, rule, message }], {
    details: { entity },
  });
}

/** The requested record does not exist (or the actor may not know it exists). */
export class NotFoundError extends RapportError {
  constructor(message: string, options: RapportErrorOptions = {}) {
    super('NOT_FOUND', message, options);
  }
}

/**
 * What kind of conflict a {@link ConflictError} reports:
 * - `unique`: a value another record holds (`fields`, `field`, `value`, and `existingId` when
 *   the caller may know the holder);
 * - `version`: the record changed since the caller read it (`id`, `expected`, `actual`);
 * - `state`: the record's state forbids the operation (a customer with deals cannot be
 *   deleted, a lead is already converted); extra facts sit beside `entity` and `id`.
 */
export type ConflictKind = 'unique' | 'version' | 'state';

/** The one shape of every conflict's details (the HTTP API answers it as the problem's `details`). */
export interface ConflictDetails {
  kind: ConflictKind;
  entity: string;
  /** The record written (version, state), when it has one. */
  id?: string;
  /** unique: every field of the refusing index, its first field, and that field's value. */
  fields?: string[];
  field?: string;
  value?: unknown;
  /** unique: the record holding the value, when the caller may know it. */
  existingId?: string;
  /** version: the version the caller expected, and the one stored. */
  expected?: number;
  actual?: number;
  [fact: string]: unknown;
}

/** A unique value is taken, the record changed meanwhile, or its state forbids the operation. */
export class ConflictError extends RapportError {
  declare readonly details: ConflictDetails;

  constructor(message: string, options: RapportErrorOptions = {}) {
    const details = { kind: 'state', entity: '', ...options.details } as ConflictDetails;
    super('CONFLICT', message, { ...options, details });
  }

  /** A value another record holds; name `existingId` only when the caller may see that record. */
  static unique(
    message: string,
    facts: { entity: string; fields: string[]; values: unknown[]; existingId?: string; id?: string },
    cause?: unknown,
  ): ConflictError {
    const { entity, fields, values, existingId, id } = facts;
    return new ConflictError(message, {
      details: {
        kind: 'unique',
        entity,
        ...(id !== undefined ? { id } : {}),
        fields,
        field: fields[0],
        value: values[0],
        ...(existingId !== undefined ? { existingId } : {}),
      },
      ...(cause !== undefined ? { cause } : {}),
    });
  }

  /** The record is at another version than the caller expected. */
  static version(
    message: string,
    facts: { entity: string; id: string; expected: number; actual: number },
    cause?: unknown,
  ): ConflictError {
    return new ConflictError(message, {
      details: { kind: 'version', ...facts },
      ...(cause !== undefined ? { cause } : {}),
    });
  }

  /** The record's state forbids the operation; `facts` say why (`references`, `deals`, ...). */
  static state(
    message: string,
    facts: { entity: string; id?: string; [fact: string]: unknown },
  ): ConflictError {
    return new ConflictError(message, { details: { ...facts, kind: 'state' } });
  }
}

/** The actor lacks a permission, or a record rule excludes the record. */
export class ForbiddenError extends RapportError {
  constructor(message: string, options: RapportErrorOptions = {}, code = 'FORBIDDEN') {
    super(code, message, options);
  }
}

/**
 * A caller's roles keep a field from it: a query, sort, group or measure on a hidden field, or a
 * write of a hidden or read-only one (code `FIELD_FORBIDDEN`, a 403 over HTTP). `details` name the
 * `entity`, the first `field` and its `rule` (`hidden` or `readOnly`), and every refused field in
 * `fields`.
 */
export class FieldForbiddenError extends ForbiddenError {
  constructor(message: string, options: RapportErrorOptions = {}) {
    super(message, options, 'FIELD_FORBIDDEN');
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
  phase: 'config' | 'resolve' | 'options' | 'register' | 'compile' | 'open' | 'start';
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
