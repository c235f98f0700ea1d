import type { JsonSchema } from '../entities/json-schema.js';
import { MAX_PAGE_SIZE } from '../entities/schema-blocks.js';
import { MAX_CURSOR_LENGTH } from '../query/cursor.js';

/**
 * Building blocks of the OpenAPI path items and schemas a plugin passes to `ctx.routes.mount`
 * (the server uses them for its own routes too), so every route documents its answers alike.
 */

/** A `$ref` to `#/components/schemas/<name>`: an entity's schema (`Customer`, `CustomerPage`), the server's (`Problem`) or one a plugin mounted. */
export const schemaRef = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** A JSON response: its description, schema and headers. */
export const jsonResponse = (
  description: string,
  schema: JsonSchema,
  headers?: Record<string, unknown>,
): Record<string, unknown> => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema } },
});

/** An RFC 9457 problem response (`application/problem+json`, the `Problem` schema). */
export const problemResponse = (description: string): Record<string, unknown> => ({
  description,
  content: { 'application/problem+json': { schema: schemaRef('Problem') } },
});

/** An HTML page response (a public route's form or thank-you page), at most 100 000 characters. */
export const htmlResponse = (description: string): Record<string, unknown> => ({
  description,
  content: { 'text/html': { schema: { type: 'string', maxLength: 100_000 } } },
});

/** The `{token}` path parameter of a public page guarded by a link token. */
export const linkTokenParameter: Record<string, unknown> = {
  name: 'token',
  in: 'path',
  required: true,
  schema: { type: 'string', minLength: 1, maxLength: 200 },
};

/** A required JSON request body. */
export const jsonRequestBody = (schema: JsonSchema): Record<string, unknown> => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** A required HTML form body (`application/x-www-form-urlencoded`), as a public page posts it. */
export const formRequestBody = (schema: JsonSchema): Record<string, unknown> => ({
  required: true,
  content: { 'application/x-www-form-urlencoded': { schema } },
});

/**
 * The closed `{ items, nextCursor? }` page of `item`: at most `maxItems` items (default
 * {@link MAX_PAGE_SIZE}, the most any kernel answers), a cursor of at most 4 096 characters.
 */
export const pageSchema = (item: JsonSchema, description: string, maxItems = MAX_PAGE_SIZE): JsonSchema => ({
  type: 'object',
  description,
  properties: {
    items: { type: 'array', items: item, maxItems },
    nextCursor: {
      type: 'string',
      maxLength: MAX_CURSOR_LENGTH,
      description: 'Pass as `cursor` for the next page; absent on the last.',
    },
  },
  required: ['items'],
  additionalProperties: false,
});

/** A closed object with every one of `keys`, each of the same schema (per-category counts). */
export const everyKeySchema = (
  keys: readonly string[],
  schema: JsonSchema,
  description: string,
): JsonSchema => ({
  type: 'object',
  description,
  properties: Object.fromEntries(keys.map((key) => [key, schema])),
  required: [...keys],
  additionalProperties: false,
});
