import { randomUUID } from 'node:crypto';
import type { JsonSchema } from '@rapport/core';
import { stringMatching } from './pattern-string.js';

/** What generating one value needs: fixed values, references, a fresh number, a schema check. */
export interface ValueContext {
  /** Values by property name that win over anything generated (`currency: 'EUR'`). */
  values: Readonly<Record<string, unknown>>;
  /** The entity a property points at, when it is a reference (`referencedEntity` of core). */
  referenced(name: string, schema: JsonSchema): string | undefined;
  /** The id of an existing record of `entity`, when there is one. */
  idOf(entity: string): string | undefined;
  /** A number not handed out before by this generator: makes strings unique per call. */
  fresh(): number;
  /** Whether `value` satisfies `schema`. */
  accepts(schema: JsonSchema, value: unknown): boolean;
}

/** Raised when no candidate satisfies a property's schema; names the property and what to do. */
export class ExampleValueError extends Error {
  readonly code = 'example.noValue';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot make an example for '${path}': ${reason}`);
    this.name = 'ExampleValueError';
  }
}

const FIXED_DATE = '2026-06-01';
const FIXED_DATE_TIME = '2026-06-01T10:00:00.000Z';
const FORMATS: Record<string, (n: number) => string> = {
  date: () => FIXED_DATE,
  'date-time': () => FIXED_DATE_TIME,
  time: () => '10:00:00Z',
  email: (n) => `example-${n}@example.org`,
  uri: (n) => `https://example.org/${n}`,
  url: (n) => `https://example.org/${n}`,
  'uri-reference': (n) => `/examples/${n}`,
  uuid: () => randomUUID(),
  hostname: (n) => `host-${n}.example.org`,
  ipv4: (n) => `192.0.2.${n % 255}`,
  ipv6: (n) => `2001:db8::${(n % 65_535).toString(16)}`,
  duration: () => 'P1D',
};

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type.filter((t) => t !== 'null').concat('null');
  if (typeof schema.type === 'string') return [schema.type];
  if (schema.properties) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

function words(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** `text` cut or padded into the schema's length bounds, keeping its end (where the number is). */
function fitLength(text: string, schema: JsonSchema): string {
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const cut = text.length > max ? text.slice(text.length - max) : text;
  return cut.length < min ? cut.padEnd(min, 'x') : cut;
}

function stringCandidates(name: string, schema: JsonSchema, context: ValueContext): string[] {
  const n = context.fresh();
  const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
  if (format) return [format(n)];
  const out: string[] = [];
  if (/email$/i.test(name)) out.push(`example-${n}@example.org`);
  if (/(phone|mobile)$/i.test(name)) out.push(`+4930${String(2_000_000 + (n % 7_000_000))}`);
  const slug = `${words(name).replace(/\s+/g, '-')}-${n}`;
  if (typeof schema.pattern === 'string') {
    out.push(fitLength(slug, schema));
    for (let attempt = 0; attempt < 5; attempt += 1)
      out.push(stringMatching(schema.pattern, n * 7 + attempt));
  } else {
    out.push(fitLength(`Example ${words(name)} ${n}`, schema), fitLength(slug, schema));
  }
  return out;
}

function numberCandidate(schema: JsonSchema, integer: boolean): number {
  const step = integer ? 1 : 0.5;
  const num = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined);
  const exclusiveMin = num('exclusiveMinimum');
  const exclusiveMax = num('exclusiveMaximum');
  const lower = num('minimum') ?? (exclusiveMin === undefined ? undefined : exclusiveMin + step);
  const upper = num('maximum') ?? (exclusiveMax === undefined ? undefined : exclusiveMax - step);
  let value = 1;
  if (lower !== undefined && value < lower) value = integer ? Math.ceil(lower) : lower;
  if (upper !== undefined && value > upper) value = integer ? Math.floor(upper) : upper;
  const multipleOf = num('multipleOf');
  if (multipleOf) value = Math.ceil(value / multipleOf) * multipleOf;
  return value;
}

function objectCandidate(path: string, schema: JsonSchema, context: ValueContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const properties = schema.properties ?? {};
  for (const field of schema.required ?? []) {
    const property = properties[field];
    out[field] = exampleValue(`${path}.${field}`, field, property ?? {}, context);
  }
  const minProperties = typeof schema.minProperties === 'number' ? schema.minProperties : 0;
  for (const [field, property] of Object.entries(properties)) {
    if (Object.keys(out).length >= minProperties) break;
    if (!Object.hasOwn(out, field) && property.readOnly !== true) {
      const value = attempt(() => exampleValue(`${path}.${field}`, field, property, context));
      if (!(value instanceof Skipped)) out[field] = value;
    }
  }
  if (schema.additionalProperties === false) return out;
  const extra =
    typeof schema.additionalProperties === 'object' ? (schema.additionalProperties as JsonSchema) : {};
  for (let i = Object.keys(out).length; i < minProperties; i += 1) {
    const key = `example${context.fresh()}`;
    out[key] = exampleValue(`${path}.${key}`, key, extra, context);
  }
  return out;
}

function arrayCandidate(path: string, name: string, schema: JsonSchema, context: ValueContext): unknown[] {
  const minItems = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const item = name.replace(/s$/, '');
  return Array.from({ length: minItems }, (_, i) =>
    exampleValue(`${path}.${i}`, item, schema.items ?? {}, context),
  );
}

/** A candidate that could not be made (a nested property had none): skipped, its error kept. */
class Skipped {
  constructor(readonly error: ExampleValueError) {}
}

function attempt(make: () => unknown): unknown {
  try {
    return make();
  } catch (error) {
    if (error instanceof ExampleValueError) return new Skipped(error);
    throw error;
  }
}

function* candidates(
  path: string,
  name: string,
  schema: JsonSchema,
  context: ValueContext,
): Generator<unknown> {
  if (Object.hasOwn(context.values, name)) yield context.values[name];
  if (Object.hasOwn(schema, 'const')) yield schema.const;
  if (Array.isArray(schema.examples)) yield* schema.examples;
  const target = context.referenced(name, schema);
  if (target !== undefined) {
    const id = context.idOf(target);
    if (id === undefined) throw new ExampleValueError(path, `it references '${target}': give an id of one`);
    yield id;
  }
  if (Object.hasOwn(schema, 'default')) yield schema.default;
  if (Array.isArray(schema.enum)) yield* schema.enum;
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branches = schema[key];
    if (!Array.isArray(branches)) continue;
    const { [key]: _, ...rest } = schema;
    for (const branch of branches as JsonSchema[])
      yield* candidates(path, name, { ...rest, ...branch }, context);
  }
  for (const type of typesOf(schema)) {
    if (type === 'string') yield* stringCandidates(name, schema, context);
    else if (type === 'integer' || type === 'number') yield numberCandidate(schema, type === 'integer');
    else if (type === 'boolean') yield true;
    else if (type === 'null') yield null;
    else if (type === 'object') yield attempt(() => objectCandidate(path, schema, context));
    else if (type === 'array') yield attempt(() => arrayCandidate(path, name, schema, context));
  }
}

/**
 * A value for the property `name` (at `path`) that `schema` accepts: the first candidate that
 * passes, tried in this order — a fixed value given for the name, `const`, the schema's `examples`,
 * an existing record's id for a reference (`customerId`), `default`, `enum`, each `oneOf`/`anyOf`
 * branch, then one made from the type (format, pattern, length and range bounds; required
 * properties of objects; `minItems` items of arrays).
 *
 * @throws {ExampleValueError} when no candidate passes.
 */
export function exampleValue(path: string, name: string, schema: JsonSchema, context: ValueContext): unknown {
  let nested: ExampleValueError | undefined;
  for (const candidate of candidates(path, name, schema, context)) {
    if (candidate instanceof Skipped) nested = candidate.error;
    else if (context.accepts(schema, candidate)) return candidate;
  }
  throw (
    nested ??
    new ExampleValueError(path, 'no candidate satisfies its schema; give one in `values` or an override')
  );
}
