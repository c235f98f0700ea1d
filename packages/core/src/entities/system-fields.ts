import type { JsonSchema, JsonSchemaObject } from './json-schema.js';

/** Names of the fields the kernel owns on every record. */
export const SYSTEM_FIELDS = ['id', 'createdAt', 'updatedAt', 'version'] as const;

/** JSON Schemas of the system fields. */
export const SYSTEM_FIELD_SCHEMAS: Record<(typeof SYSTEM_FIELDS)[number], JsonSchema> = {
  id: { type: 'string', minLength: 1, maxLength: 200 },
  createdAt: { type: 'string', format: 'date-time' },
  updatedAt: { type: 'string', format: 'date-time' },
  version: { type: 'integer', minimum: 1 },
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
