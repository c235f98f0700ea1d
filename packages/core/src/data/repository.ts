import type { AccessControl } from '../access/access-control.js';
import { type Actor, isSystemActor, SYSTEM_ACTOR } from '../access/actor.js';
import type { FieldPolicy } from '../access/field-policy.js';
import { writeAudit } from '../audit/audit-writer.js';
import type { EntityRecord } from '../entities/define-entity.js';
import type { CompiledEntity } from '../entities/entity-registry.js';
import type { JsonSchemaObject } from '../entities/json-schema.js';
import { ConflictError, ForbiddenError, NotFoundError, RapportError } from '../errors.js';
import type { EntityHooks, UniqueConflict, WriteContext } from '../hooks/entity-hooks.js';
import { getPath, schemaAt } from '../query/field-path.js';
import { matchesWhere } from '../query/match.js';
import { andWhere, normalizeAggregate, normalizeWhere } from '../query/normalize.js';
import type { AggregateQuery, AggregateRow, FindQuery, Page, Where, WhereNode } from '../query/types.js';
import type { StoredRecord, StoreTx } from '../store/types.js';
import type { Clock } from '../util/clock.js';
import { isoTime } from '../util/clock.js';
import { cloneJson } from '../util/clone-json.js';
import { newId } from '../util/ids.js';
import { applyMergePatch } from '../util/merge-patch.js';
import { findPage } from './find-page.js';
import { withoutSecretFields } from './public-record.js';
import { checkInput, checkReadOnly, checkRecord } from './record-checks.js';
import type { TransactionRunner } from './transaction-runner.js';
import type { TxScope } from './tx-scope.js';

/** Page-size limits for `find`. */
export interface QueryLimits {
  defaultLimit: number;
  maxLimit: number;
}

/** What a repository needs from the kernel. */
export interface RepositoryDeps {
  entity: CompiledEntity;
  hooks: EntityHooks;
  access: AccessControl;
  runner: TransactionRunner;
  clock: Clock;
  limits: QueryLimits;
  repository(entity: string, actor: Actor): Repository;
  /** The stored schema of any entity (`UNKNOWN_ENTITY` for one no plugin defines). */
  schemaOf(entity: string): JsonSchemaObject;
}

/** Options of a versioned write. */
export interface WriteOptions {
  /** Refuse the write with a `CONFLICT` unless the record is still at this version. */
  expectedVersion?: number;
}

/**
 * The data API of one entity, acting as one actor. Every call checks permissions, record rules
 * and field rules (hidden fields are left out of every answer and refused in queries and writes;
 * read-only ones refused in writes); every write runs validation and hooks, writes its audit record and events, and commits
 * as one transaction (or joins the transaction already running in this async context).
 *
 * @example
 * ```ts
 * const deals = kernel.data<Deal>('deal', { actor });
 * const deal = await deals.create({ title: 'ACME renewal', stage: 'proposal' });
 * await deals.update(deal.id, { stage: 'won' }, { expectedVersion: deal.version });
 * const page = await deals.find({ where: { stage: 'won' }, sort: ['-createdAt'], limit: 20 });
 * ```
 */
export class Repository<T = Record<string, unknown>> {
  readonly #deps: RepositoryDeps;
  readonly #actor: Actor;

  constructor(deps: RepositoryDeps, actor: Actor) {
    this.#deps = deps;
    this.#actor = actor;
  }

  /** The entity name. */
  get entity(): string {
    return this.#deps.entity.name;
  }

  /** Creates a record; answers it with its system fields. */
  async create(input: T): Promise<EntityRecord<T>> {
    const { entity, hooks, access, clock } = this.#deps;
    access.assert(this.#actor, entity.name, 'create');
    const fields = checkInput(entity, input, 'record');
    if (!isSystemActor(this.#actor)) checkReadOnly(entity, fields);
    const policy = this.#fields();
    policy?.checkCreate(fields, (path) => schemaAt(entity.inputSchema, path)?.default);
    return this.#write(async (scope) => {
      const now = isoTime(clock.now());
      // Fields are set on the copy rather than spread into a new literal: V8 gives a spread
      // object a shape that every later property (ajv's defaults) makes slow to validate.
      let record = cloneJson(fields) as StoredRecord;
      record.id = newId();
      record.createdAt = now;
      record.updatedAt = now;
      record.version = 1;
      checkRecord(entity, record);
      const context = this.#context(scope, 'create');
      await hooks.validate.promise({ ...context, record });
      record = this.#keepSystemFields(await hooks.beforeCreate.promise(record, context), record);
      checkRecord(entity, record);
      this.#assertWithinRules(record, 'create');
      await this.#explainConflicts(() => scope.tx.insert(entity.name, record), record, context);
      await hooks.afterCreate.promise(record, context);
      await this.#audit(scope, 'create', record.id, undefined, record);
      scope.emit(
        'entity.created',
        { entity: entity.name, id: record.id, record: withoutSecretFields(entity, record) },
        this.#actor,
      );
      return (policy ? policy.redact(record) : record) as EntityRecord<T>;
    });
  }

  /** Reads one record; `NOT_FOUND` when it is absent or a record rule hides it. */
  async get(id: string): Promise<EntityRecord<T>> {
    const { entity, access } = this.#deps;
    access.assert(this.#actor, entity.name, 'read');
    const policy = this.#fields();
    const record = await this.#deps.runner.read(async (tx) => this.#load(tx, id));
    return (policy ? policy.redact(record) : record) as EntityRecord<T>;
  }

  /**
   * One record as JSON text, with its version (for an ETag): what `get` answers, serialized
   * without copying the stored record first where the store allows it. Same permission, rules
   * and `NOT_FOUND` as `get`.
   */
  async getJson(id: string): Promise<{ json: string; version: number }> {
    const { entity, access } = this.#deps;
    access.assert(this.#actor, entity.name, 'read');
    return this.#deps.runner.read(async (tx) => {
      const record =
        tx.peek && typeof id === 'string'
          ? this.#visible(id, await tx.peek(entity.name, id))
          : await this.#load(tx, id);
      const policy = this.#fields();
      return { json: JSON.stringify(policy ? policy.redact(record) : record), version: record.version };
    });
  }

  /** One page of records matching the query, with a cursor to the next page. */
  async find(query: FindQuery = {}): Promise<Page<EntityRecord<T>>> {
    const { entity, access, limits, runner } = this.#deps;
    access.assert(this.#actor, entity.name, 'read');
    return (await findPage(runner, entity.collection, query, limits, this.#rules(), this.#fields())) as Page<
      EntityRecord<T>
    >;
  }

  /** Counts records matching `where` that the actor may see. */
  async count(where?: Where): Promise<number> {
    const { entity, access } = this.#deps;
    access.assert(this.#actor, entity.name, 'read');
    const asked = normalizeWhere(where, entity.schema);
    this.#fields()?.checkWhere(asked);
    const node = andWhere(asked, this.#rules());
    return this.#deps.runner.read((tx) => tx.count(entity.name, node));
  }

  /** Grouped counts, sums, averages, minima and maxima over the records the actor may see. */
  async aggregate(query: AggregateQuery): Promise<AggregateRow[]> {
    const { entity, access } = this.#deps;
    access.assert(this.#actor, entity.name, 'read');
    const normalized = normalizeAggregate(query, entity.schema);
    this.#fields()?.checkAggregate(normalized);
    const where = andWhere(normalized.where, this.#rules());
    return this.#deps.runner.read((tx) =>
      tx.aggregate(entity.name, { ...normalized, ...(where ? { where } : {}) }),
    );
  }

  /** Applies a JSON Merge Patch; `CONFLICT` when `expectedVersion` is stale. */
  async update(id: string, patch: Partial<T>, options: WriteOptions = {}): Promise<EntityRecord<T>> {
    const { entity, hooks, access, clock } = this.#deps;
    access.assert(this.#actor, entity.name, 'update');
    const changes = checkInput(entity, patch, 'patch');
    const policy = this.#fields();
    return this.#write(async (scope) => {
      const previous = await this.#load(scope.tx, id);
      this.#checkVersion(previous, options);
      if (!isSystemActor(this.#actor)) checkReadOnly(entity, changes, previous);
      let record = applyMergePatch(previous, cloneJson(changes)) as StoredRecord;
      policy?.checkPatch(changes, previous, record);
      record.updatedAt = isoTime(clock.now());
      record.version = previous.version + 1;
      checkRecord(entity, record);
      const context = this.#context(scope, 'update', previous, changes);
      await hooks.validate.promise({ ...context, record });
      record = this.#keepSystemFields(await hooks.beforeUpdate.promise(record, context), record);
      checkRecord(entity, record);
      this.#assertWithinRules(record, 'update');
      await this.#explainConflicts(
        () => scope.tx.update(entity.name, record, previous.version),
        record,
        context,
      );
      await hooks.afterUpdate.promise(record, context);
      await this.#audit(scope, 'update', id, previous, record);
      scope.emit(
        'entity.updated',
        {
          entity: entity.name,
          id,
          record: withoutSecretFields(entity, record),
          previous: withoutSecretFields(entity, previous),
        },
        this.#actor,
      );
      return (policy ? policy.redact(record) : record) as EntityRecord<T>;
    });
  }

  /** Deletes a record; `CONFLICT` when `expectedVersion` is stale. */
  async delete(id: string, options: WriteOptions = {}): Promise<void> {
    const { entity, hooks, access } = this.#deps;
    access.assert(this.#actor, entity.name, 'delete');
    await this.#write(async (scope) => {
      const previous = await this.#load(scope.tx, id);
      this.#checkVersion(previous, options);
      const context = this.#context(scope, 'delete', previous);
      await hooks.validate.promise({ ...context, record: previous });
      await hooks.beforeDelete.promise(previous, context);
      await scope.tx.delete(entity.name, id, previous.version);
      await hooks.afterDelete.promise(previous, context);
      await this.#audit(scope, 'delete', id, previous, undefined);
      scope.emit(
        'entity.deleted',
        { entity: entity.name, id, previous: withoutSecretFields(entity, previous) },
        this.#actor,
      );
    });
  }

  /**
   * Runs a store write; when a unique index refuses it, the entity's `conflict` taps may
   * answer a clearer error than the store's (the transaction is still usable for their reads).
   */
  async #explainConflicts(
    write: () => Promise<void>,
    record: StoredRecord,
    context: WriteContext,
  ): Promise<void> {
    try {
      await write();
    } catch (error) {
      const conflict = uniqueConflictOf(error, record);
      if (!conflict) throw error;
      const generic = await this.#uniqueConflict(conflict, record, error);
      const explained = await this.#deps.hooks.conflict.promise(generic, { ...context, record, conflict });
      throw explained ?? generic;
    }
  }

  /** The generic 409 for a taken value: it names the holder only when the actor may see it. */
  async #uniqueConflict(
    conflict: UniqueConflict,
    record: StoredRecord,
    cause: unknown,
  ): Promise<ConflictError> {
    const entity = this.#deps.entity.name;
    const visible = await this.#deps
      .repository(entity, this.#actor)
      .get(conflict.conflictingId)
      .then(
        () => true,
        (error: unknown) => {
          if (error instanceof RapportError) return false;
          throw error;
        },
      );
    const taken = conflict.fields
      .map((field, i) => `${field} ${JSON.stringify(conflict.values[i]) ?? 'null'}`)
      .join(', ');
    return ConflictError.unique(
      `${entity}: ${taken} is already taken${visible ? ` by ${entity} ${conflict.conflictingId}` : ''}`,
      {
        entity,
        id: record.id,
        fields: conflict.fields,
        values: conflict.values,
        ...(visible ? { existingId: conflict.conflictingId } : {}),
      },
      cause,
    );
  }

  #write<R>(fn: (scope: TxScope) => Promise<R>): Promise<R> {
    return this.#deps.runner.run(fn).catch((error: unknown) => {
      throw translateStoreError(error, this.#deps.entity.name);
    });
  }

  async #load(tx: StoreTx, id: string): Promise<StoredRecord> {
    const record = typeof id === 'string' ? await tx.get(this.#deps.entity.name, id) : undefined;
    return this.#visible(id, record);
  }

  /** The record when it exists and the actor's rules let it be seen; `NOT_FOUND` otherwise. */
  #visible<R extends Readonly<StoredRecord>>(id: string, record: R | undefined): R {
    if (!record || !matchesWhere(record, this.#rules())) {
      throw new NotFoundError(`${this.#deps.entity.name} '${String(id)}' was not found`, {
        details: { entity: this.#deps.entity.name, id },
      });
    }
    return record;
  }

  #checkVersion(record: StoredRecord, options: WriteOptions): void {
    if (options.expectedVersion !== undefined && options.expectedVersion !== record.version) {
      throw ConflictError.version(
        `${this.#deps.entity.name} '${record.id}' is at version ${record.version}, not ${options.expectedVersion}: it was changed by someone else`,
        {
          entity: this.#deps.entity.name,
          id: record.id,
          expected: options.expectedVersion,
          actual: record.version,
        },
      );
    }
  }

  /** The caller's field rules for this entity; `undefined` when it is unrestricted. */
  #fields(): FieldPolicy | undefined {
    return this.#deps.access.fieldsFor(this.#actor, this.#deps.entity.name);
  }

  #rules(): WhereNode | undefined {
    const { access, entity } = this.#deps;
    const rules = access.rulesFor(this.#actor, entity.name);
    return andWhere(...rules.map((rule) => normalizeWhere(rule.where, entity.schema)));
  }

  #assertWithinRules(record: StoredRecord, action: string): void {
    if (!matchesWhere(record, this.#rules())) {
      throw new ForbiddenError(
        `actor '${this.#actor.id}' may not ${action} a ${this.#deps.entity.name} outside the records its rules allow`,
        { details: { entity: this.#deps.entity.name, id: record.id } },
      );
    }
  }

  #keepSystemFields(changed: StoredRecord | undefined, original: StoredRecord): StoredRecord {
    const next = changed ?? original;
    return {
      ...next,
      id: original.id,
      createdAt: original.createdAt,
      updatedAt: original.updatedAt,
      version: original.version,
    };
  }

  #context(
    scope: TxScope,
    operation: WriteContext['operation'],
    previous?: StoredRecord,
    patch?: Record<string, unknown>,
  ): WriteContext {
    const { repository, clock, entity, access, schemaOf } = this.#deps;
    const actor = this.#actor;
    return {
      entity: entity.name,
      operation,
      actor,
      ...(previous ? { previous: previous as WriteContext['previous'] } : {}),
      ...(patch ? { patch } : {}),
      data: <U>(name: string) => repository(name, actor) as unknown as Repository<U>,
      system: <U>(name: string) => repository(name, SYSTEM_ACTOR) as unknown as Repository<U>,
      emit: (name, payload) => scope.emit(name, payload, actor),
      now: () => clock.now(),
      can: (resource, action) => access.can(actor, resource, action),
      schemaOf,
    };
  }

  #audit(
    scope: TxScope,
    action: 'create' | 'update' | 'delete',
    id: string,
    before?: StoredRecord,
    after?: StoredRecord,
  ): Promise<void> {
    return writeAudit(scope.tx, {
      secretFields: this.#deps.entity.secretFields,
      actor: this.#actor,
      entity: this.#deps.entity.name,
      recordId: id,
      action,
      ...(before ? { before } : {}),
      ...(after ? { after } : {}),
      now: this.#deps.clock.now(),
    });
  }
}

/** The unique index and holder behind a store's `CONFLICT`, when that is what it reports. */
function uniqueConflictOf(error: unknown, record: StoredRecord): UniqueConflict | undefined {
  if (!(error instanceof RapportError) || error.name !== 'StoreError' || error.code !== 'CONFLICT') {
    return undefined;
  }
  const { fields, conflictingId } = (error.details ?? {}) as { fields?: unknown; conflictingId?: unknown };
  if (!Array.isArray(fields) || !fields.every((field) => typeof field === 'string')) return undefined;
  if (typeof conflictingId !== 'string') return undefined;
  return { fields, values: fields.map((field) => getPath(record, field)), conflictingId };
}

/**
 * Turns a store's CONFLICT / NOT_FOUND into the data API's errors; others pass through. A
 * store's version conflict becomes a `version` conflict; a unique refusal that reaches here
 * (outside a repository write) names no holder.
 */
export function translateStoreError(error: unknown, entity: string): unknown {
  if (!(error instanceof RapportError) || error.name !== 'StoreError') return error;
  if (error.code === 'CONFLICT') {
    const { id, expectedVersion, actualVersion, fields } = error.details as Record<string, unknown>;
    if (typeof expectedVersion === 'number' && typeof actualVersion === 'number') {
      return ConflictError.version(
        `${entity}: ${error.message}`,
        { entity, id: String(id), expected: expectedVersion, actual: actualVersion },
        error,
      );
    }
    if (Array.isArray(fields)) {
      const names = fields.map(String);
      return ConflictError.unique(
        `${entity}: ${names.join(', ')} is already taken`,
        { entity, fields: names, values: [], ...(typeof id === 'string' ? { id } : {}) },
        error,
      );
    }
    return new ConflictError(`${entity}: ${error.message}`, { details: { entity }, cause: error });
  }
  if (error.code === 'NOT_FOUND') {
    return new NotFoundError(`${entity}: ${error.message}`, { details: error.details, cause: error });
  }
  return error;
}
