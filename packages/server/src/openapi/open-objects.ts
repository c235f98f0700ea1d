const SHAPE_KEYWORDS = [
  'properties',
  'additionalProperties',
  'patternProperties',
  'unevaluatedProperties',
  'propertyNames',
  '$ref',
  'oneOf',
  'anyOf',
  'allOf',
];

const isObjectType = (type: unknown) => type === 'object' || (Array.isArray(type) && type.includes('object'));

/**
 * The value with every free-form object schema (`{ type: 'object' }` and nothing that says which
 * properties it has) made explicit as `additionalProperties: true`. JSON Schema means the same
 * either way; code generators read the bare form as "no properties" (`Record<string, never>`),
 * so a client could not send a filter or read a payload.
 */
export function openObjects<T>(value: T): T {
  if (Array.isArray(value)) return value.map(openObjects) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = openObjects(inner);
  if (isObjectType(out.type) && !SHAPE_KEYWORDS.some((keyword) => keyword in out)) {
    out.additionalProperties = true;
  }
  return out as T;
}
