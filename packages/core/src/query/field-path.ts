import type { JsonSchema, JsonSchemaObject } from '../entities/json-schema.js';
import { isJsonObject } from '../util/json-object.js';
import type { FieldType } from './types.js';

const FIELD_TYPES: readonly string[] = ['string', 'number', 'integer', 'boolean', 'array', 'object'];

/**
 * The keys no field path, parameter name or measure name may hold, whatever an entity schema
 * declares: they name JavaScript's prototype machinery, not data.
 */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/**
 * Whether a key (one step of a dotted path) is one of {@link FORBIDDEN_KEYS}.
 *
 * @example
 * ```ts
 * isForbiddenKey('__proto__'); // true
 * isForbiddenKey('name'); // false
 * ```
 */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.includes(key);
}

/** Reads one field path of a record. */
export type PathReader = (record: unknown) => unknown;

/**
 * Compiles a dotted field path into a reader that answers exactly as {@link getPath} (own
 * properties only, never into arrays) without splitting the path on every call: for code that
 * reads the same field of many records (indexes, sorting).
 */
export function pathReader(path: string): PathReader {
  const keys = path.split('.');
  if (keys.length === 1) {
    const key = keys[0] as string;
    return (record) => (isJsonObject(record) && Object.hasOwn(record, key) ? record[key] : undefined);
  }
  return (record) => readKeys(record, keys);
}

/** Follows `keys` through own properties of nested objects; `undefined` where the path leaves them. */
function readKeys(record: unknown, keys: readonly string[]): unknown {
  let current: unknown = record;
  for (const key of keys) {
    if (!isJsonObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/**
 * Reads a dotted path (`amount.currency`) from a record. Returns `undefined` when any step is
 * missing or is not an object; paths never walk into arrays.
 *
 * @example
 * ```ts
 * getPath({ amount: { currency: 'EUR' } }, 'amount.currency'); // 'EUR'
 * ```
 */
export function getPath(record: unknown, path: string): unknown {
  return readKeys(record, path.split('.'));
}

function toFieldType(schema: JsonSchema): FieldType {
  const { type } = schema;
  const types = Array.isArray(type) ? type.filter((t) => t !== 'null') : type === undefined ? [] : [type];
  const [only] = types;
  return types.length === 1 && only !== undefined && FIELD_TYPES.includes(only)
    ? (only as FieldType)
    : 'unknown';
}

/**
 * The query type of the field at a dotted path of an object schema, walking `properties`.
 * A `type` list with one non-null type (`['string', 'null']`) gives that type; no single type
 * gives `'unknown'`. Returns `undefined` when the path does not exist in the schema.
 *
 * @example
 * ```ts
 * fieldTypeAt(schema, 'amount.amount'); // 'number'
 * fieldTypeAt(schema, 'nope'); // undefined
 * ```
 */
export function fieldTypeAt(schema: JsonSchemaObject, path: string): FieldType | undefined {
  const found = schemaAt(schema, path);
  return found === undefined ? undefined : toFieldType(found);
}

/**
 * The schema of the field at a dotted path of an object schema, walking `properties`;
 * `undefined` when the path does not exist in the schema.
 *
 * @example
 * ```ts
 * schemaAt(dealSchema, 'probability')?.default; // 10
 * ```
 */
export function schemaAt(schema: JsonSchemaObject, path: string): JsonSchema | undefined {
  let current: JsonSchema | undefined = schema;
  for (const key of path.split('.')) {
    const properties: unknown = current?.properties;
    if (key === '' || !isJsonObject(properties) || !Object.hasOwn(properties, key)) return undefined;
    const next = properties[key];
    if (!isJsonObject(next)) return undefined;
    current = next as JsonSchema;
  }
  return current;
}
