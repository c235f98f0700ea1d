/**
 * Annotations an entity schema carries for the people reading it, in `x-` keywords that validate
 * nothing (the kernel's schema compiler knows them; OpenAPI 3.1 keeps them):
 * - which entity a reference points at. By convention a field named `<entity>Id` points at
 *   `<entity>` (`customerId` → `customer`); a field whose name cannot say it (`programmeId` →
 *   `loyaltyProgramme`, `survivorId` → `customer`) states it with {@link referenceTo};
 * - which currency an integer amount of minor units is in, when the amount is not a money object
 *   (a deal's `weightedAmount` is in its `amount.currency`): {@link minorUnitsIn}.
 *
 * This module imports nothing, so the console's browser bundle can use it
 * (`@rapport/core/schema-annotations`).
 */

/** The JSON Schema keyword naming the entity a reference points at. */
export const REFERENCE_KEYWORD = 'x-rapport-ref';

/** The JSON Schema keyword naming the path, in the same record, of an amount's currency code. */
export const CURRENCY_KEYWORD = 'x-rapport-currency';

/** Every annotation keyword, for a schema compiler to add (`ajv.addKeyword`). */
export const ANNOTATION_KEYWORDS: readonly string[] = Object.freeze([REFERENCE_KEYWORD, CURRENCY_KEYWORD]);

/** The longest record id (`id` and every reference to one). */
export const MAX_ID_LENGTH = 200;

/**
 * The schema of a field holding the id of an `entity` record, for fields whose name does not say
 * which entity: `programmeId: referenceTo('loyaltyProgramme')`.
 */
export function referenceTo(entity: string): {
  type: 'string';
  minLength: number;
  maxLength: number;
  [REFERENCE_KEYWORD]: string;
} {
  return { type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH, [REFERENCE_KEYWORD]: entity };
}

/**
 * The entity the field `name` with `schema` points at, when it is one of `entities`: the schema's
 * {@link REFERENCE_KEYWORD} first, then the `<entity>Id` convention.
 */
export function referencedEntity(
  name: string,
  schema: { readonly [keyword: string]: unknown } | undefined,
  entities: ReadonlySet<string>,
): string | undefined {
  const stated = schema?.[REFERENCE_KEYWORD];
  if (typeof stated === 'string') return entities.has(stated) ? stated : undefined;
  const match = /^(.+)Id$/.exec(name);
  return match && entities.has(match[1] as string) ? match[1] : undefined;
}

/**
 * Marks an integer schema as an amount of minor units (cents, fen) in the currency found at
 * `currencyPath` of the same record: `weightedAmount: minorUnitsIn('amount.currency', schema)`.
 */
export function minorUnitsIn<T extends object>(
  currencyPath: string,
  schema: T,
): T & { [CURRENCY_KEYWORD]: string } {
  return { ...schema, [CURRENCY_KEYWORD]: currencyPath };
}

/** The path of the currency an amount of minor units is in, when its schema says so. */
export function currencyPathOf(
  schema: { readonly [keyword: string]: unknown } | undefined,
): string | undefined {
  const path = schema?.[CURRENCY_KEYWORD];
  return typeof path === 'string' ? path : undefined;
}
