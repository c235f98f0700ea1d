import type { JsonSchema } from '@rapport/core';

/** A non-empty string of at most `maxLength` characters. */
export const text = (maxLength = 200): JsonSchema => ({ type: 'string', minLength: 1, maxLength });
/** An ISO 8601 date-time (stored as UTC). */
export const isoTime: JsonSchema = { type: 'string', format: 'date-time' };
/** A calendar date `YYYY-MM-DD`. */
export const isoDate: JsonSchema = { type: 'string', format: 'date' };
/** A list of short tags. */
export const tags: JsonSchema = {
  type: 'array',
  items: { type: 'string', minLength: 1, maxLength: 50 },
  maxItems: 50,
  uniqueItems: true,
};
/** A key: lower-case letters, digits and dashes (`new-business`, `needs-analysis`). */
export const key: JsonSchema = { type: 'string', pattern: '^[a-z][a-z0-9-]{0,62}$' };
/** Marks a field computed by the plugin (documented read-only; refused from non-system writers). */
export const computed = (schema: JsonSchema): JsonSchema => ({ ...(schema as object), readOnly: true });
/** An id of another record. */
export const ref: JsonSchema = { type: 'string', minLength: 1, maxLength: 200 };
