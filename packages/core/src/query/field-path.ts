import type { JsonSchema, JsonSchemaObject } from '../entities/json-schema.js';
import { isJsonObject } from '../util/json-object.js';
import type { FieldType } from './types.js';

const FIELD_TYPES: readonly string[] = ['string', 'number', 'integer', 'boolean', 'array', 'object'];

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
  let current: unknown = record;
  for (const key of path.split('.')) {
    if (!isJsonObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
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
  let current: JsonSchema | undefined = schema;
  for (const key of path.split('.')) {
    const properties: unknown = current?.properties;
    if (key === '' || !isJsonObject(properties) || !Object.hasOwn(properties, key)) return undefined;
    const next = properties[key];
    if (!isJsonObject(next)) return undefined;
    current = next as JsonSchema;
  }
  return current === undefined ? undefined : toFieldType(current);
}
