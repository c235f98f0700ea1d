import { type FieldType, fieldTypeAt, type JsonSchemaObject, StoreError } from '@rapport/core';
import { escapeLiteral } from 'pg';

/** How a typed key expression compares: as C-collated text, as numeric, or as boolean. */
export type KeyKind = 'text' | 'number' | 'boolean';

/** The system fields and the columns that hold them. */
export const SYSTEM_COLUMNS: Readonly<Record<string, { column: string; kind: KeyKind }>> = {
  id: { column: 'id', kind: 'text' },
  createdAt: { column: 'created_at', kind: 'text' },
  updatedAt: { column: 'updated_at', kind: 'text' },
  version: { column: 'version', kind: 'number' },
};

/** The part of a sort order one expression contributes (see {@link orderParts}). */
export interface OrderPart {
  sql: string;
  /** Whether the expression can be NULL (system columns never are). */
  nullable: boolean;
  /** What an `after` value is turned into to compare with this part. */
  kind: KeyKind | 'rank' | 'json';
}

/** A field path of a collection, resolved to SQL over a row alias. */
export interface FieldSql {
  path: string;
  /** The schema type at the path (`unknown` for no single type or an undeclared path). */
  type: FieldType;
  /** Set for `id`, `createdAt`, `updatedAt` and `version`: a NOT NULL column. */
  system: boolean;
  /** The value as `jsonb` (SQL NULL when missing, `'null'` when JSON null). */
  json: string;
  /** A typed, index-friendly key: NULL when the value is missing, null or of another type. */
  key?: { sql: string; kind: KeyKind };
}

const SAFE_ALIAS = /^([a-z][a-z0-9_]*)?$/;

/** `alias.column`, or the bare column for an empty alias (index definitions). */
function columnRef(alias: string, column: string): string {
  if (!SAFE_ALIAS.test(alias)) throw new Error(`bad alias ${alias}`);
  return alias ? `${alias}.${column}` : column;
}

/** One step of a path as a SQL string literal; refuses keys PostgreSQL cannot hold. */
function keyLiteral(key: string, path: string): string {
  if (key === '' || key.includes('\u0000') || /\p{Cs}/u.test(key)) {
    throw new StoreError('INVALID', `field path ${JSON.stringify(path)} has an empty or unstorable key`, {
      details: { field: path },
    });
  }
  return escapeLiteral(key);
}

/** `alias.data -> 'a' -> 'b'`: every key is a quoted literal (stable, so indexes match it). */
export function jsonPathSql(alias: string, path: string): string {
  return `${columnRef(alias, 'data')}${path
    .split('.')
    .map((key) => ` -> ${keyLiteral(key, path)}`)
    .join('')}`;
}

/** `json` as C-collated text when it is a JSON string, else NULL. */
export function textKeySql(json: string): string {
  return `(CASE WHEN jsonb_typeof(${json}) = 'string' THEN (${json}) #>> '{}' END) COLLATE "C"`;
}

/** `json` as numeric when it is a JSON number, else NULL. */
export function numberKeySql(json: string): string {
  return `(CASE WHEN jsonb_typeof(${json}) = 'number' THEN (${json})::numeric END)`;
}

/** `json` as boolean when it is a JSON boolean, else NULL. */
export function booleanKeySql(json: string): string {
  return `(CASE WHEN jsonb_typeof(${json}) = 'boolean' THEN (${json})::boolean END)`;
}

/** Array or object as its C-collated JSON text (PostgreSQL's rendering), else NULL. */
export function jsonTextKeySql(json: string): string {
  return `(CASE WHEN jsonb_typeof(${json}) IN ('array', 'object') THEN (${json})::text END) COLLATE "C"`;
}

/** The type rank of the query language: boolean 0, number 1, string 2, array/object 3, null/missing NULL. */
export function rankSql(json: string): string {
  return `(CASE jsonb_typeof(${json}) WHEN 'boolean' THEN 0 WHEN 'number' THEN 1 WHEN 'string' THEN 2 WHEN 'array' THEN 3 WHEN 'object' THEN 3 END)`;
}

/** The typed key of `json` for a kind. */
export function keyOfKind(json: string, kind: KeyKind): string {
  switch (kind) {
    case 'text':
      return textKeySql(json);
    case 'number':
      return numberKeySql(json);
    default:
      return booleanKeySql(json);
  }
}

function kindOfType(type: FieldType): KeyKind | undefined {
  switch (type) {
    case 'string':
      return 'text';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return undefined;
  }
}

/**
 * Resolves a field path against a collection schema to SQL over the row alias (`''` for bare
 * columns, as index definitions need). Declared
 * scalar types get a typed key expression (the same text an index on the path uses); arrays,
 * objects and untyped fields are compared as `jsonb`.
 */
export function fieldSql(schema: JsonSchemaObject, path: string, alias: string): FieldSql {
  const system = SYSTEM_COLUMNS[path];
  if (system && Object.hasOwn(SYSTEM_COLUMNS, path)) {
    const column = columnRef(alias, system.column);
    return {
      path,
      type: system.kind === 'text' ? 'string' : 'integer',
      system: true,
      json: `to_jsonb(${column})`,
      key: { sql: column, kind: system.kind },
    };
  }
  const type = fieldTypeAt(schema, path) ?? 'unknown';
  const json = jsonPathSql(alias, path);
  const kind = kindOfType(type);
  return { path, type, system: false, json, ...(kind ? { key: { sql: keyOfKind(json, kind), kind } } : {}) };
}

/** The expression an index on the field holds (and equality filters use): the typed key, or the jsonb value with JSON null as NULL. */
export function indexKeySql(field: FieldSql): string {
  return field.key ? field.key.sql : `nullif(${field.json}, 'null'::jsonb)`;
}

/**
 * The expressions that order a field as the query language does, most significant first:
 * a typed key alone, the JSON text for arrays and objects, or for untyped fields the type rank
 * followed by one expression per type.
 */
export function orderParts(field: FieldSql): OrderPart[] {
  if (field.key) return [{ sql: field.key.sql, nullable: !field.system, kind: field.key.kind }];
  if (field.type === 'array' || field.type === 'object') {
    return [{ sql: jsonTextKeySql(field.json), nullable: true, kind: 'json' }];
  }
  return [
    { sql: rankSql(field.json), nullable: true, kind: 'rank' },
    { sql: booleanKeySql(field.json), nullable: true, kind: 'boolean' },
    { sql: numberKeySql(field.json), nullable: true, kind: 'number' },
    { sql: textKeySql(field.json), nullable: true, kind: 'text' },
    { sql: jsonTextKeySql(field.json), nullable: true, kind: 'json' },
  ];
}
