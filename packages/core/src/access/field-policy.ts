import { FieldForbiddenError } from '../errors.js';
import { getPath } from '../query/field-path.js';
import type { StoreAggregateQuery, StoreFindQuery, WhereNode } from '../query/types.js';
import { isJsonObject, sameJson } from '../util/json-object.js';

/**
 * What one role may not do with the fields of one entity. Paths may be dotted
 * (`objective.birthYear`); a path covers everything under it.
 *
 * @example
 * ```ts
 * ctx.access.fields('viewer', { customer: { hidden: ['phone', 'email'] } });
 * ctx.access.fields('salesRep', { deal: { readOnly: ['probability'] } });
 * ```
 */
export interface FieldRule {
  /**
   * Fields the role never sees: left out of every answer; a filter, sort, group or measure on
   * one is refused, and so is a write of one.
   */
  hidden?: string[];
  /** Fields the role sees but may not change (a create may give only the schema default). */
  readOnly?: string[];
}

/** A role's field rules, by entity name. */
export type FieldRules = Record<string, FieldRule>;

/** Why a field is refused: the caller may not see it, or may see but not change it. */
export type FieldRestriction = 'hidden' | 'readOnly';

/** Is `path` the same as `other` or beneath it (`a.b` is beneath `a`)? */
export function pathCovers(other: string, path: string): boolean {
  return (
    path === other || (path.length > other.length && path.startsWith(other) && path[other.length] === '.')
  );
}

/** Do two paths share data: one equals or contains the other? */
function overlaps(a: string, b: string): boolean {
  return pathCovers(a, b) || pathCovers(b, a);
}

/** `record` without the value at `keys` (from `at` on), copying only the objects on the way. */
function withoutPath<R>(record: R, keys: readonly string[], at = 0): R {
  if (!isJsonObject(record)) return record;
  const key = keys[at] as string;
  if (!Object.hasOwn(record, key)) return record;
  if (at === keys.length - 1) {
    const copy: Record<string, unknown> = {};
    for (const field of Object.keys(record)) if (field !== key) copy[field] = record[field];
    return copy as R;
  }
  const child = record[key];
  const next = withoutPath(child, keys, at + 1);
  return next === child ? record : ({ ...record, [key]: next } as R);
}

/** Does a JSON Merge Patch reach `keys`: set it, or replace or remove an object holding it? */
function patchReaches(patch: unknown, keys: readonly string[]): boolean {
  let current = patch;
  for (const [i, key] of keys.entries()) {
    if (!isJsonObject(current) || !Object.hasOwn(current, key)) return false;
    const value = current[key];
    if (i === keys.length - 1 || !isJsonObject(value)) return true;
    current = value;
  }
  return false;
}

/** How each part of a query uses a field, for refusals. */
const QUERY_USES: Record<string, string> = {
  where: 'filter on',
  sort: 'sort on',
  fields: 'ask for',
  groupBy: 'group by',
  measures: 'measure',
};

/** The comparison fields of a where tree. */
function whereFields(node: WhereNode | undefined, out: string[] = []): string[] {
  if (!node) return out;
  if (node.kind === 'cmp') out.push(node.field);
  else if (node.kind === 'not') whereFields(node.item, out);
  else for (const item of node.items) whereFields(item, out);
  return out;
}

/**
 * The fields one caller may not see or change in one entity, from the field rules of its roles
 * (a field is hidden only when every role that reads the entity hides it, read-only only when
 * every role that writes it restricts it). The one place reads are redacted and queries and
 * writes are checked: the repository asks it on every path.
 */
export class FieldPolicy {
  readonly entity: string;
  /** Paths the caller never sees. */
  readonly hidden: readonly string[];
  /** Paths the caller sees but may not change (none of them hidden). */
  readonly readOnly: readonly string[];
  readonly #hiddenKeys: ReadonlyArray<readonly string[]>;

  constructor(entity: string, hidden: readonly string[], readOnly: readonly string[]) {
    this.entity = entity;
    this.hidden = hidden;
    this.readOnly = readOnly.filter((path) => !this.isHidden(path));
    this.#hiddenKeys = hidden.map((path) => path.split('.'));
  }

  /** Is the value at `path` hidden (the path or one above it is)? */
  isHidden(path: string): boolean {
    return this.hidden.some((hidden) => pathCovers(hidden, path));
  }

  /** Would reading `path` as a whole show a hidden value (it is hidden, or holds one)? */
  reveals(path: string): boolean {
    return this.hidden.some((hidden) => overlaps(hidden, path));
  }

  /** Is `path` (or what holds it) one the caller may not change? */
  isLocked(path: string): boolean {
    return this.isHidden(path) || this.readOnly.some((locked) => pathCovers(locked, path));
  }

  /** The record without its hidden fields; the record itself when it holds none. Never mutates it. */
  redact<R>(record: R): R {
    let out = record;
    for (const keys of this.#hiddenKeys) out = withoutPath(out, keys);
    return out;
  }

  /** A find's filter, sort and projected fields; `FIELD_FORBIDDEN` naming a hidden one. */
  checkFind(find: StoreFindQuery, fields: readonly string[] | undefined): void {
    this.#refuseRevealing('where', whereFields(find.where));
    this.#refuseRevealing(
      'sort',
      find.sort.map((key) => key.field),
    );
    // A projection holding a hidden field is redacted like any answer; naming one is refused.
    const named = (fields ?? []).filter((path) => this.isHidden(path));
    if (named.length > 0) this.#refuse('fields', named, 'read');
  }

  /** A filter; `FIELD_FORBIDDEN` naming a hidden field it compares. */
  checkWhere(where: WhereNode | undefined): void {
    this.#refuseRevealing('where', whereFields(where));
  }

  /** An aggregate's filter, groups and measured fields; `FIELD_FORBIDDEN` naming a hidden one. */
  checkAggregate(query: StoreAggregateQuery): void {
    this.checkWhere(query.where);
    this.#refuseRevealing('groupBy', query.groupBy);
    for (const measure of query.measures) {
      if (measure.field !== undefined) this.#refuseRevealing(`measures.${measure.name}`, [measure.field]);
    }
  }

  /**
   * A create's input: a hidden field may not be given, a read-only one only with the value the
   * schema defaults it to (`defaultAt`).
   */
  checkCreate(input: Record<string, unknown>, defaultAt: (path: string) => unknown): void {
    const refused: Array<[string, FieldRestriction]> = [];
    for (const path of this.hidden) if (getPath(input, path) !== undefined) refused.push([path, 'hidden']);
    for (const path of this.readOnly) {
      const value = getPath(input, path);
      if (value !== undefined && !sameJson(value, defaultAt(path))) refused.push([path, 'readOnly']);
    }
    this.#refuseWrite(refused);
  }

  /**
   * A merge patch: it may not reach a hidden field at all (whatever the stored value, so a
   * refusal says nothing about it), and may leave a read-only one only as it was (`merged` is
   * `previous` with the patch applied, before any plugin changed it).
   */
  checkPatch(patch: Record<string, unknown>, previous: unknown, merged: unknown): void {
    const refused: Array<[string, FieldRestriction]> = [];
    for (const [i, keys] of this.#hiddenKeys.entries()) {
      if (patchReaches(patch, keys)) refused.push([this.hidden[i] as string, 'hidden']);
    }
    for (const path of this.readOnly) {
      if (!sameJson(getPath(previous, path), getPath(merged, path))) refused.push([path, 'readOnly']);
    }
    this.#refuseWrite(refused);
  }

  #refuseRevealing(at: string, paths: readonly string[]): void {
    const refused = paths.filter((path) => this.reveals(path));
    if (refused.length > 0) this.#refuse(at, [...new Set(refused)], 'read');
  }

  #refuse(at: string, fields: string[], what: 'read'): never {
    const names = fields.map((field) => `'${field}'`).join(', ');
    const use = QUERY_USES[at.split('.')[0] as string] ?? 'use';
    throw new FieldForbiddenError(
      `${at}: the caller's roles hide ${this.entity} field${fields.length > 1 ? 's' : ''} ${names}, so a query may not ${use} ${fields.length > 1 ? 'them' : 'it'}`,
      { details: { entity: this.entity, field: fields[0], fields, rule: 'hidden', at, action: what } },
    );
  }

  #refuseWrite(refused: Array<[string, FieldRestriction]>): void {
    if (refused.length === 0) return;
    const [first] = refused as [[string, FieldRestriction]];
    const named = refused
      .map(([path, rule]) => `'${path}' (${rule === 'hidden' ? 'hidden' : 'read-only'})`)
      .join(', ');
    throw new FieldForbiddenError(
      `the caller's roles may not write ${this.entity} field${refused.length > 1 ? 's' : ''} ${named}`,
      {
        details: {
          entity: this.entity,
          field: first[0],
          rule: first[1],
          fields: refused.map(([path]) => path),
          action: 'write',
        },
      },
    );
  }
}
