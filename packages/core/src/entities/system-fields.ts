import type { JsonSchema, JsonSchemaObject } from './json-schema.js';
import { dateTime, ref } from './schema-blocks.js';

/** Names of the fields the kernel owns on every record. */
export const SYSTEM_FIELDS = ['id', 'createdAt', 'updatedAt', 'version'] as const;

/** JSON Schemas of the system fields. */
export const SYSTEM_FIELD_SCHEMAS: Record<(typeof SYSTEM_FIELDS)[number], JsonSchema> = {
  id: ref,
  createdAt: dateTime,
  updatedAt: dateTime,
  version: { type: 'integer', format: 'int64', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
};

/** Is `field` one of the kernel-owned system fields? */
export function isSystemField(field: string): boolean {
  return (SYSTEM_FIELDS as readonly string[]).includes(field);
}

/** The stored-record schema: the entity's properties plus system fields, unknown properties refused. */
export function withSystemFields(schema: JsonSchemaObject): JsonSchemaObject {
  return {
    ...schema,
    type: 'object',
    properties: { ...SYSTEM_FIELD_SCHEMAS, ...schema.properties },
    required: [...SYSTEM_FIELDS, ...(schema.required ?? [])],
    additionalProperties: false,
  };
}
