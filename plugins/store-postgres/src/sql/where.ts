import type { ComparisonOperator, JsonSchemaObject, JsonValue, WhereNode } from '@rapport/core';
import { StoreError } from '@rapport/core';
import { jsonParam } from '../json.js';
import { type FieldSql, fieldSql, indexKeySql, type KeyKind, keyOfKind } from './fields.js';
import type { Params } from './params.js';

/** What a where clause is compiled against. */
export interface WhereContext {
  schema: JsonSchemaObject;
  /** Row alias of the collection's table (`t`). */
  alias: string;
  params: Params;
}

const CASTS: Record<KeyKind, string> = { text: 'text', number: 'numeric', boolean: 'boolean' };

function kindOfValue(value: JsonValue): KeyKind | undefined {
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return undefined;
  }
}

/** Binds a scalar as a parameter of its key kind (numbers travel as their JSON text). */
function bindScalar(params: Params, value: string | number | boolean, kind: KeyKind): string {
  if (typeof value === 'string') checkQueryText(value);
  return params.add(kind === 'number' ? JSON.stringify(value) : value, CASTS[kind]);
}

function checkQueryText(value: string): void {
  if (value.includes('\u0000') || /\p{Cs}/u.test(value)) {
    throw new StoreError(
      'INVALID',
      'a query value holds a NUL character or a lone UTF-16 surrogate, which PostgreSQL cannot compare',
      { details: { reason: 'unstorable-text' } },
    );
  }
}

/** The key expression to compare a value of `kind` with: the field's own key, a derived one, or none. */
function keyFor(field: FieldSql, kind: KeyKind): string | undefined {
  if (field.key) return field.key.kind === kind ? field.key.sql : undefined;
  if (field.type === 'array' || field.type === 'object') return undefined;
  return keyOfKind(field.json, kind);
}

/**
 * The field as `jsonb` with JSON null as NULL, for deep equality. For untyped fields this is
 * the same expression their indexes hold.
 */
function jsonKeySql(field: FieldSql): string {
  return field.system ? field.json : field.key ? `nullif(${field.json}, 'null'::jsonb)` : indexKeySql(field);
}

/** True when the field is missing or JSON null (never NULL itself). */
function isNullSql(field: FieldSql): string {
  return field.system ? 'FALSE' : `coalesce(jsonb_typeof(${field.json}), 'null') = 'null'`;
}

/** `(sql) IS NOT TRUE`: the exact negation in three-valued logic (NULL counts as no match). */
function negate(sql: string): string {
  return `(${sql}) IS NOT TRUE`;
}

function equalsSql(field: FieldSql, value: JsonValue, ctx: WhereContext): string {
  if (value === null) return isNullSql(field);
  const kind = kindOfValue(value);
  if (kind && field.key?.kind === kind) {
    return `${field.key.sql} = ${bindScalar(ctx.params, value as string | number | boolean, kind)}`;
  }
  return `${jsonKeySql(field)} = ${ctx.params.add(jsonParam(value, 'a query value'), 'jsonb')}`;
}

function inSql(field: FieldSql, value: JsonValue, ctx: WhereContext): string {
  if (!Array.isArray(value)) {
    throw new StoreError('INVALID', `'in' on ${field.path} needs an array`, {
      details: { field: field.path },
    });
  }
  const items = value.filter((item) => item !== null);
  const parts: string[] = [];
  if (items.length > 0) {
    const kind = field.key?.kind;
    if (kind && items.every((item) => kindOfValue(item) === kind)) {
      const list = items.map((item) => {
        if (typeof item === 'string') checkQueryText(item);
        return kind === 'number' ? JSON.stringify(item) : item;
      });
      parts.push(`${field.key?.sql} = ANY(${ctx.params.add(list, `${CASTS[kind]}[]`)})`);
    } else {
      const list = items.map((item) => jsonParam(item, 'a query value'));
      parts.push(`${jsonKeySql(field)} = ANY(${ctx.params.add(list, 'jsonb[]')})`);
    }
  }
  if (items.length < value.length) parts.push(isNullSql(field));
  if (parts.length === 0) return 'FALSE';
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' OR ')})`;
}

function rangeSql(
  field: FieldSql,
  op: 'gt' | 'gte' | 'lt' | 'lte',
  value: JsonValue,
  ctx: WhereContext,
): string {
  const kind = kindOfValue(value);
  if (kind !== 'text' && kind !== 'number') return 'FALSE';
  const key = keyFor(field, kind);
  if (!key) return 'FALSE';
  const operator = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[op];
  return `${key} ${operator} ${bindScalar(ctx.params, value as string | number, kind)}`;
}

function containsSql(field: FieldSql, value: JsonValue, ctx: WhereContext): string {
  const branches: string[] = [];
  if (typeof value === 'string') {
    const key = keyFor(field, 'text');
    if (key) branches.push(`strpos(${key}, ${bindScalar(ctx.params, value, 'text')}) > 0`);
  }
  const mayBeArray = !field.system && (field.type === 'array' || field.type === 'unknown');
  if (mayBeArray) {
    const isArray = `jsonb_typeof(${field.json}) = 'array'`;
    if (value !== null && typeof value === 'object') {
      const element = ctx.params.add(jsonParam(value, 'a query value'), 'jsonb');
      branches.push(
        `(CASE WHEN ${isArray} THEN EXISTS (SELECT 1 FROM jsonb_array_elements(${field.json}) AS e(v) WHERE e.v = ${element}) END)`,
      );
    } else {
      const wrapped = ctx.params.add(jsonParam([value], 'a query value'), 'jsonb');
      branches.push(`(${isArray} AND ${field.json} @> ${wrapped})`);
    }
  }
  if (branches.length === 0) return 'FALSE';
  return branches.length === 1 ? (branches[0] as string) : `(${branches.join(' OR ')})`;
}

/** A LIKE pattern matching strings that start with `prefix` (wildcards and `\` escaped). */
export function prefixPattern(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function startsWithSql(field: FieldSql, value: JsonValue, ctx: WhereContext): string {
  if (typeof value !== 'string') return 'FALSE';
  const key = keyFor(field, 'text');
  if (!key) return 'FALSE';
  checkQueryText(value);
  return `${key} LIKE ${ctx.params.add(prefixPattern(value), 'text')}`;
}

function comparisonSql(field: FieldSql, op: ComparisonOperator, value: JsonValue, ctx: WhereContext): string {
  switch (op) {
    case 'eq':
      return equalsSql(field, value, ctx);
    case 'ne':
      return negate(equalsSql(field, value, ctx));
    case 'in':
      return inSql(field, value, ctx);
    case 'nin':
      return negate(inSql(field, value, ctx));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return rangeSql(field, op, value, ctx);
    case 'contains':
      return containsSql(field, value, ctx);
    case 'startsWith':
      return startsWithSql(field, value, ctx);
    case 'exists': {
      const missing = isNullSql(field);
      return value === true ? `NOT (${missing})` : missing;
    }
    default:
      throw new StoreError('INVALID', `unknown operator ${JSON.stringify(op)}`, { details: { op } });
  }
}

/**
 * Compiles a normalized where tree to a SQL condition with bound parameters, reproducing the
 * query language exactly (`docs/query-language.md`): a comparison that does not apply (missing
 * field, another type) is NULL or FALSE, which `and`/`or` treat as no match, and `not` is
 * `IS NOT TRUE`, so a missing field matches `ne`, `nin` and `not`. Field keys are quoted
 * literals from the schema; every value is a parameter.
 */
export function whereSql(node: WhereNode | undefined, ctx: WhereContext): string {
  if (node === undefined) return 'TRUE';
  switch (node.kind) {
    case 'and':
      return node.items.length === 0
        ? 'TRUE'
        : `(${node.items.map((item) => whereSql(item, ctx)).join(' AND ')})`;
    case 'or':
      return node.items.length === 0
        ? 'FALSE'
        : `(${node.items.map((item) => whereSql(item, ctx)).join(' OR ')})`;
    case 'not':
      return negate(whereSql(node.item, ctx));
    case 'cmp':
      return comparisonSql(fieldSql(ctx.schema, node.field, ctx.alias), node.op, node.value, ctx);
    default:
      throw new StoreError('INVALID', 'malformed where node', { details: { node } });
  }
}
