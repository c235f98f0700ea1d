/**
 * The rule every schema of an API must meet, so no value a client sends or receives is unbounded:
 *
 * - a **string** has `maxLength`, or is an `enum` or `const`, or has format `date` or `uuid`
 *   (fixed lengths);
 * - an **array** has `maxItems`;
 * - an **integer** has a minimum (`minimum` or `exclusiveMinimum`) and a maximum, or format `int32`
 *   (which ajv enforces; `int64` is not a bound: every JSON integer passes it);
 * - a **number** has a minimum and a maximum;
 * - an **object** that admits members it does not list (no `additionalProperties: false`) has
 *   `maxProperties`.
 *
 * A schema of several types meets the rule of each. `$ref`s are not followed (the schema they
 * name is checked where it is defined); a schema without a type (any JSON value) and the values
 * of an open object's unlisted members are bounded only by the body limit and the JSON depth
 * limit, so the rule asks no more of them.
 */

type Json = Record<string, unknown>;

/** Keywords whose value is a subschema. */
const SINGLE = [
  'additionalProperties',
  'items',
  'contains',
  'not',
  'if',
  'then',
  'else',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
];
/** Keywords whose value is a list of subschemas. */
const LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
/** Keywords whose value maps names to subschemas. */
const MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const has = (schema: Json, ...keywords: string[]) =>
  keywords.some((keyword) => schema[keyword] !== undefined);

/** Why a schema of `type` is unbounded, or `undefined` when it meets the rule. */
function problemOf(schema: Json, type: unknown): string | undefined {
  switch (type) {
    case 'string':
      return has(schema, 'maxLength') || schema.format === 'date' || schema.format === 'uuid'
        ? undefined
        : 'a string without maxLength (or enum, const, format date or uuid)';
    case 'array':
      return has(schema, 'maxItems') ? undefined : 'an array without maxItems';
    case 'integer':
      return (has(schema, 'minimum', 'exclusiveMinimum') && has(schema, 'maximum', 'exclusiveMaximum')) ||
        schema.format === 'int32'
        ? undefined
        : 'an integer without minimum and maximum (or format int32)';
    case 'number':
      return has(schema, 'minimum', 'exclusiveMinimum') && has(schema, 'maximum', 'exclusiveMaximum')
        ? undefined
        : 'a number without minimum and maximum';
    case 'object':
      return schema.additionalProperties === false ||
        schema.unevaluatedProperties === false ||
        has(schema, 'maxProperties')
        ? undefined
        : 'an object open to more members without maxProperties';
    default:
      return undefined;
  }
}

const pointerStep = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');

function walk(schema: unknown, pointer: string, found: string[]): void {
  if (!isObject(schema) || typeof schema.$ref === 'string') return;
  if (!has(schema, 'enum', 'const')) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    for (const type of types) {
      const problem = problemOf(schema, type);
      if (problem) found.push(`${pointer || '/'}: ${problem}`);
    }
  }
  for (const keyword of SINGLE) walk(schema[keyword], `${pointer}/${keyword}`, found);
  for (const keyword of LISTS) {
    const list = schema[keyword];
    if (!Array.isArray(list)) continue;
    for (const [i, inner] of list.entries()) walk(inner, `${pointer}/${keyword}/${i}`, found);
  }
  for (const keyword of MAPS) {
    const map = schema[keyword];
    if (isObject(map)) {
      for (const [name, inner] of Object.entries(map))
        walk(inner, `${pointer}/${keyword}/${pointerStep(name)}`, found);
    }
  }
}

/**
 * Every place in `schema` where a value is unbounded by the rule above, as
 * `<JSON pointer from at>: <why>`; empty when the whole schema is bounded.
 *
 * @example
 * ```ts
 * unboundedSchemaPaths({ type: 'object', properties: { name: { type: 'string' } } });
 * // ['/: an object open to more members without maxProperties',
 * //  '/properties/name: a string without maxLength (or enum, const, format date or uuid)']
 * ```
 */
export function unboundedSchemaPaths(schema: unknown, at = ''): string[] {
  const found: string[] = [];
  walk(schema, at, found);
  return found;
}
