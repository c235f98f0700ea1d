import { Ajv2020, type ErrorObject, type Options, type ValidateFunction } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';
import type { FieldError } from '../errors.js';
import type { JsonSchema } from './json-schema.js';
import { ANNOTATION_KEYWORDS } from './schema-annotations.js';

type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((ajvFormats as unknown as { default: FormatsPlugin }).default ??
  ajvFormats) as unknown as FormatsPlugin;

/** A compiled validator: returns the field errors, empty when the value is valid. */
export type SchemaCheck = (value: unknown) => FieldError[];

/**
 * The ajv set-up every schema in Rapport goes through: draft 2020-12, strict mode, formats,
 * no `$data`, first error only (`allErrors` off bounds the work a hostile payload can cause),
 * and defaults filled in.
 */
export function createSchemaCompiler(options: Options = {}): (schema: JsonSchema) => SchemaCheck {
  const ajv = new Ajv2020({
    strict: true,
    allErrors: false,
    $data: false,
    useDefaults: true,
    coerceTypes: false,
    allowUnionTypes: true,
    validateFormats: true,
    ...options,
  });
  addFormats(ajv);
  // what a field means to a person (the entity a reference points at, an amount's currency)
  for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword, schemaType: 'string' });
  return (schema) => {
    const validate: ValidateFunction = ajv.compile(schema);
    return (value) => (validate(value) ? [] : (validate.errors ?? []).map(toFieldError));
  };
}

function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function join(base: string, leaf: string): string {
  return base ? `${base}.${leaf}` : leaf;
}

/** Turns one ajv error into a field error a person can read. */
export function toFieldError(error: ErrorObject): FieldError {
  const path = pointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: join(path, String(params.missingProperty)), rule: 'required', message: 'is required' };
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const field = join(path, String(params.additionalProperty ?? params.unevaluatedProperty));
      return { path: field, rule: 'unknown', message: 'is not a known field' };
    }
    case 'type':
      return { path, rule: 'type', message: `must be ${article(String(params.type))}` };
    case 'enum':
      return {
        path,
        rule: 'enum',
        message: `must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'format':
      return { path, rule: 'format', message: `must be a valid ${String(params.format)}` };
    default:
      return { path, rule: error.keyword, message: error.message ?? 'is invalid' };
  }
}

function article(type: string): string {
  const names: Record<string, string> = {
    integer: 'an integer',
    object: 'an object',
    array: 'an array',
    string: 'a string',
    number: 'a number',
    boolean: 'a boolean',
    null: 'null',
  };
  return type
    .split(',')
    .map((t) => names[t] ?? t)
    .join(' or ');
}
