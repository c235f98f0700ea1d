import type { CompiledEntity } from '../entities/entity-registry.js';
import { isSystemField } from '../entities/system-fields.js';
import { type FieldError, ValidationError } from '../errors.js';
import { jsonDepthExcess, jsonDepthFieldError } from '../util/json-depth.js';
import { isJsonObject, sameJson } from '../util/json-object.js';

/** Throws a ValidationError listing every field of `errors`, with a one-line summary. */
export function throwValidation(entity: string, errors: FieldError[]): never {
  const summary = errors.map((e) => (e.path ? `${e.path} ${e.message}` : e.message)).join('; ');
  throw new ValidationError(`invalid ${entity}: ${summary}`, errors, { details: { entity } });
}

/**
 * Checks what a caller sent before anything else: a plain object, no system fields, no
 * unknown top-level fields, no nesting deeper than `MAX_JSON_DEPTH` (64) levels (checked
 * without recursion, so the copy, merge and validation that follow never overflow the stack).
 * Lists every offending field at once (ajv stops at the first).
 */
export function checkInput(
  entity: CompiledEntity,
  input: unknown,
  what: 'record' | 'patch',
): Record<string, unknown> {
  if (!isJsonObject(input)) {
    throwValidation(entity.name, [{ path: '', rule: 'type', message: `the ${what} must be a JSON object` }]);
  }
  const errors: FieldError[] = [];
  for (const field of Object.keys(input)) {
    if (isSystemField(field)) {
      errors.push({
        path: field,
        rule: 'system-field',
        message: 'is set by the system and cannot be written',
      });
    } else if (!Object.hasOwn(entity.inputSchema.properties, field)) {
      errors.push({ path: field, rule: 'unknown', message: 'is not a known field' });
    }
  }
  const excess = jsonDepthExcess(input);
  if (excess) errors.push(jsonDepthFieldError(excess));
  if (errors.length > 0) throwValidation(entity.name, errors);
  return input;
}

/** Validates a full record against the entity schema (defaults are filled in place). */
export function checkRecord(entity: CompiledEntity, record: Record<string, unknown>): void {
  const errors = entity.check(record);
  if (errors.length > 0) throwValidation(entity.name, errors);
}

/**
 * Refuses a write to a `readOnly` field (one a plugin computes): a create may give such a field
 * only its schema default, a patch only its current value (a read-modify-write sends it back
 * unchanged). Every offending field is listed, with rule `readOnly`. The system actor is not
 * checked: it is how plugins write what they compute.
 */
export function checkReadOnly(
  entity: CompiledEntity,
  input: Record<string, unknown>,
  previous?: Record<string, unknown>,
): void {
  if (entity.readOnlyFields.size === 0) return;
  const errors: FieldError[] = [];
  for (const [field, fallback] of entity.readOnlyFields) {
    if (!Object.hasOwn(input, field)) continue;
    const allowed = previous ? previous[field] : fallback;
    if (!sameJson(input[field], allowed)) {
      errors.push({ path: field, rule: 'readOnly', message: 'is computed and cannot be written' });
    }
  }
  if (errors.length > 0) throwValidation(entity.name, errors);
}
