import type { JsonSchema } from '../entities/json-schema.js';
import type { FieldPolicy } from './field-policy.js';

/** `schema` with the property at `keys` removed (and from `required`) or changed by `change`. */
function atPath(
  schema: JsonSchema,
  keys: readonly string[],
  change: (property: JsonSchema) => JsonSchema | undefined,
): JsonSchema {
  const [key, ...rest] = keys as [string, ...string[]];
  const properties = schema.properties;
  if (!properties || !Object.hasOwn(properties, key)) return schema;
  const property = properties[key] as JsonSchema;
  const next = rest.length === 0 ? change(property) : atPath(property, rest, change);
  if (next === property) return schema;
  const kept: Record<string, JsonSchema> = {};
  for (const [name, value] of Object.entries(properties)) {
    if (name !== key) kept[name] = value;
    else if (next !== undefined) kept[name] = next;
  }
  const required = next === undefined ? schema.required?.filter((name) => name !== key) : schema.required;
  return { ...schema, properties: kept, ...(required ? { required } : {}) };
}

/**
 * An entity schema as a caller with field rules is shown it (the OpenAPI document and the
 * console model): hidden properties left out (dropped from `required` too), read-only ones marked
 * `readOnly: true`. The schema itself without a policy; never mutated.
 *
 * @example
 * ```ts
 * schemaFor(entity.schema, kernel.access.fieldsFor(actor, entity.name));
 * ```
 */
export function schemaFor<S extends JsonSchema>(schema: S, policy: FieldPolicy | undefined): S {
  if (!policy) return schema;
  let out: JsonSchema = schema;
  for (const path of policy.hidden) out = atPath(out, path.split('.'), () => undefined);
  for (const path of policy.readOnly) {
    out = atPath(out, path.split('.'), (property) =>
      property.readOnly === true ? property : { ...property, readOnly: true },
    );
  }
  return out as S;
}
