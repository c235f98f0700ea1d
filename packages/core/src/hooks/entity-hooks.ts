import { AsyncSeriesHook, AsyncSeriesWaterfallHook } from 'tapable';
import type { Actor } from '../access/actor.js';
import type { Action } from '../access/permissions.js';
import type { Repository } from '../data/repository.js';
import type { EntityRecord } from '../entities/define-entity.js';
import type { JsonSchemaObject } from '../entities/json-schema.js';
import type { ConflictError } from '../errors.js';

/** What every entity hook receives beside the record: who, what, and the transaction's data API. */
export interface WriteContext<T = Record<string, unknown>> {
  entity: string;
  operation: 'create' | 'update' | 'delete';
  actor: Actor;
  /** The record before the write (update and delete). */
  previous?: EntityRecord<T>;
  /** The merge patch the caller sent (update). */
  patch?: Record<string, unknown>;
  /** A repository inside the same transaction, acting as the same actor. */
  data<U = Record<string, unknown>>(entity: string): Repository<U>;
  /** A repository inside the same transaction acting as the system (bypasses access rules). */
  system<U = Record<string, unknown>>(entity: string): Repository<U>;
  /** Emits a domain event, written to the outbox in this transaction and dispatched after commit. */
  emit(name: string, payload: Record<string, unknown>): void;
  /** Current time (ms), from the kernel clock. */
  now(): number;
  /** Does the writing actor hold the permission (`write.can('deal', 'reopen')`)? The system always does. */
  can(resource: string, action: Action): boolean;
  /** The stored schema of an entity (system fields included), for rules that check fields by name. */
  schemaOf(entity: string): JsonSchemaObject;
}

/** What `validate` taps receive. Throw a `ValidationError` to refuse the write. */
export interface ValidateContext<T = Record<string, unknown>> extends WriteContext<T> {
  /** The record about to be written (create/update) or removed (delete). */
  record: EntityRecord<T>;
}

/** Which unique index refused a write, and who holds the value (what every store reports). */
export interface UniqueConflict {
  /** The fields of the unique index, as declared on the entity. */
  fields: string[];
  /** The record's values for those fields, in the same order. */
  values: unknown[];
  /** The id of the record that already holds them. */
  conflictingId: string;
}

/** What `conflict` taps receive beside the error. */
export interface ConflictContext<T = Record<string, unknown>> extends WriteContext<T> {
  /** The record the store refused. */
  record: EntityRecord<T>;
  conflict: UniqueConflict;
}

/**
 * The typed hook set of one entity. The hook class is the contract:
 * series = notify or veto by throwing, waterfall = transform by returning a changed record.
 * Every tap runs inside the write's transaction: a throw anywhere rolls the whole write back.
 */
export interface EntityHooks<T = Record<string, unknown>> {
  validate: AsyncSeriesHook<[ValidateContext<T>]>;
  beforeCreate: AsyncSeriesWaterfallHook<[EntityRecord<T>, WriteContext<T>]>;
  afterCreate: AsyncSeriesHook<[EntityRecord<T>, WriteContext<T>]>;
  beforeUpdate: AsyncSeriesWaterfallHook<[EntityRecord<T>, WriteContext<T>]>;
  afterUpdate: AsyncSeriesHook<[EntityRecord<T>, WriteContext<T>]>;
  beforeDelete: AsyncSeriesHook<[EntityRecord<T>, WriteContext<T>]>;
  afterDelete: AsyncSeriesHook<[EntityRecord<T>, WriteContext<T>]>;
  /**
   * The store refused a create or update because another record holds one of its unique
   * values. Runs inside the still-usable transaction, only on that failure path; a tap may
   * return a clearer `ConflictError` (naming the holder, suggesting a merge) in place of the
   * generic one. Checking uniqueness up front in `validate` is not needed: the store's unique
   * index is the check, race-proof on every store.
   */
  conflict: AsyncSeriesWaterfallHook<[ConflictError, ConflictContext<T>]>;
}

/** Creates an empty hook set for one entity. */
export function createEntityHooks<T>(): EntityHooks<T> {
  return {
    validate: new AsyncSeriesHook(['context']),
    beforeCreate: new AsyncSeriesWaterfallHook(['record', 'context']),
    afterCreate: new AsyncSeriesHook(['record', 'context']),
    beforeUpdate: new AsyncSeriesWaterfallHook(['record', 'context']),
    afterUpdate: new AsyncSeriesHook(['record', 'context']),
    beforeDelete: new AsyncSeriesHook(['record', 'context']),
    afterDelete: new AsyncSeriesHook(['record', 'context']),
    conflict: new AsyncSeriesWaterfallHook(['error', 'context']),
  };
}
