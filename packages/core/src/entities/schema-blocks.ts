import type { JsonSchema, JsonSchemaObject } from './json-schema.js';
import { MAX_ID_LENGTH } from './schema-annotations.js';

export { MAX_ID_LENGTH };

/**
 * The building blocks of entity and route schemas. Each states its bounds (`maxLength`,
 * `maxItems`, `minimum`/`maximum`, `maxProperties`), so every value a client sends is bounded by
 * validation and every answer says how large it can be; {@link unboundedSchemaPaths} finds a
 * schema that is not. Spread a block to add a description: `{ ...text(1000), description }`.
 *
 * @example
 * ```ts
 * import { computed, dateTime, enumOf, list, money, ref, tags, text } from '@rapport/core';
 *
 * const schema = {
 *   type: 'object',
 *   properties: {
 *     title: text(),                       // 1–200 characters
 *     customerId: ref,
 *     amount: money({ minimum: 0 }),
 *     stage: enumOf(['open', 'won', 'lost']),
 *     tags,
 *     closedAt: computed(dateTime),        // readOnly: only the system writes it
 *   },
 * };
 * ```
 */

/** The largest page a list answers: the kernel refuses a `query.maxLimit` above it. */
export const MAX_PAGE_SIZE = 1_000;
/** The longest ISO 8601 date-time accepted (nanoseconds and an offset fit: 35 characters). */
export const MAX_DATE_TIME_LENGTH = 40;
/** The longest span in days between two dates of years 0000–9999 (a little more than 3 652 059). */
export const MAX_DAYS = 3_660_000;
/** The largest amount of money in minor units a {@link money} holds by default (±10^15). */
export const MAX_MINOR_UNITS = 1_000_000_000_000_000;

/**
 * A string of `minLength` (default 1: not empty) to `maxLength` (default 200) characters.
 *
 * @example
 * ```ts
 * text();                      // a name or a title
 * text(5000, { minLength: 0 }); // notes, which may be empty
 * ```
 */
export const text = (maxLength = 200, options: { minLength?: number } = {}): JsonSchema => ({
  type: 'string',
  ...(options.minLength === 0 ? {} : { minLength: options.minLength ?? 1 }),
  maxLength,
});

/** A non-empty string of at most 200 characters: a name, a title, a role. */
export const shortText: JsonSchema = text(200);

/** The id of another record (or of a person: `ownerId`). */
export const ref: JsonSchema = { type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH };

/** A key: lower-case letters, digits and dashes, starting with a letter (`new-business`). */
export const key: JsonSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 63,
  pattern: '^[a-z][a-z0-9-]{0,62}$',
};

/** A calendar date `YYYY-MM-DD`. */
export const date: JsonSchema = { type: 'string', format: 'date', maxLength: 10 };

/** An ISO 8601 date-time (stored as UTC). */
export const dateTime: JsonSchema = {
  type: 'string',
  format: 'date-time',
  maxLength: MAX_DATE_TIME_LENGTH,
};

/** An ISO 4217 currency code (`EUR`). */
export const currency: JsonSchema = {
  type: 'string',
  minLength: 3,
  maxLength: 3,
  pattern: '^[A-Z]{3}$',
  description: 'ISO 4217 code.',
};

/** An ISO 3166-1 alpha-2 country code (`DE`). */
export const countryCode: JsonSchema = { type: 'string', minLength: 2, maxLength: 2, pattern: '^[A-Z]{2}$' };

/** An integer from `minimum` to `maximum`. */
export const integerBetween = (minimum: number, maximum: number): JsonSchema => ({
  type: 'integer',
  minimum,
  maximum,
});

/** A number from `minimum` to `maximum`. */
export const numberBetween = (minimum: number, maximum: number): JsonSchema => ({
  type: 'number',
  minimum,
  maximum,
});

/** A count: a non-negative integer a double holds exactly. */
export const count: JsonSchema = {
  type: 'integer',
  format: 'int64',
  minimum: 0,
  maximum: Number.MAX_SAFE_INTEGER,
};

/** An integer a double holds exactly, of either sign (a sum of amounts). */
export const safeInteger: JsonSchema = {
  type: 'integer',
  format: 'int64',
  minimum: -Number.MAX_SAFE_INTEGER,
  maximum: Number.MAX_SAFE_INTEGER,
};

/** A span in days, fractional allowed (days in a stage, a sales cycle). */
export const days: JsonSchema = { type: 'number', minimum: 0, maximum: MAX_DAYS };

/** An integer percent, 0–100 (a probability, a score). */
export const percent: JsonSchema = { type: 'integer', minimum: 0, maximum: 100 };

/** Integer minor units (cents, fen) from `minimum` to `maximum` (default ±{@link MAX_MINOR_UNITS}). */
export const minorUnits = (
  options: { minimum?: number; maximum?: number; description?: string } = {},
): JsonSchema => ({
  type: 'integer',
  format: 'int64',
  minimum: options.minimum ?? -MAX_MINOR_UNITS,
  maximum: options.maximum ?? MAX_MINOR_UNITS,
  description: options.description ?? 'Integer minor units (cents, fen).',
});

/**
 * Money: `{ amount, currency }`, the amount in integer minor units within the bounds (default
 * ±{@link MAX_MINOR_UNITS}; never a float), the currency an ISO 4217 code.
 */
export const money = (
  options: { minimum?: number; maximum?: number; description?: string } = {},
): JsonSchemaObject => ({
  type: 'object',
  properties: { amount: minorUnits(options), currency },
  required: ['amount', 'currency'],
  additionalProperties: false,
});

/** An array of at most `maxItems` items of `items`. */
export const list = (
  items: JsonSchema,
  maxItems: number,
  options: { minItems?: number; uniqueItems?: boolean } = {},
): JsonSchema => ({
  type: 'array',
  items,
  ...(options.minItems === undefined ? {} : { minItems: options.minItems }),
  maxItems,
  ...(options.uniqueItems ? { uniqueItems: true } : {}),
});

/** Up to 50 distinct tags of 1–50 characters. */
export const tags: JsonSchema = list(text(50), 50, { uniqueItems: true });

/** One of a closed list of strings. */
export const enumOf = (values: readonly string[]): JsonSchema => ({ type: 'string', enum: [...values] });

/** An e-mail address as typed (3–320 characters); plugins normalise and check it. */
export const email: JsonSchema = { type: 'string', minLength: 3, maxLength: 320 };

/** A phone number as typed (3–40 characters); plugins normalise it (E.164). */
export const phone: JsonSchema = { type: 'string', minLength: 3, maxLength: 40 };

/** An absolute URL of at most 2 048 characters. */
export const url: JsonSchema = { type: 'string', format: 'uri', maxLength: 2_048 };

/** A free-form JSON object of at most `maxProperties` members (a payload, a snapshot). */
export const jsonObject = (maxProperties: number): JsonSchema => ({
  type: 'object',
  additionalProperties: true,
  maxProperties,
});

/**
 * Any JSON value, each kind bounded: strings up to `maxLength` (default 10 000), arrays and
 * objects up to 1 000 members, numbers within ±`Number.MAX_SAFE_INTEGER`.
 */
export const jsonValue = (maxLength = 10_000): JsonSchema => ({
  type: ['string', 'number', 'boolean', 'null', 'array', 'object'],
  maxLength,
  maxItems: 1_000,
  maxProperties: 1_000,
  minimum: -Number.MAX_SAFE_INTEGER,
  maximum: Number.MAX_SAFE_INTEGER,
});

/**
 * A where-filter of the query language, checked where it is used: at most 100 members at its
 * top, each value a bounded {@link jsonValue} (a value, an operator object, a list of filters).
 */
export const whereFilter: JsonSchema = {
  type: 'object',
  maxProperties: 100,
  additionalProperties: jsonValue(),
  description: 'A where-filter of the query language.',
};

/**
 * Marks a field the plugin computes: `readOnly: true`, which the kernel refuses from every writer
 * but the system, and the API documents as read-only.
 */
export const computed = (schema: JsonSchema): JsonSchema => ({ ...schema, readOnly: true });
