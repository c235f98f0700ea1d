import type { JsonValue } from '@rapport/core';
import type { CustomerRecord } from '@rapport/plugin-customers';

/** The customer fields a template may use, as `customer.<name>`. */
export const CUSTOMER_MERGE_FIELDS = [
  'name',
  'email',
  'phone',
  'kind',
  'city',
  'country',
  'language',
] as const;

/** A view object with no prototype, so a template name such as `constructor` finds nothing. */
function bare(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(bare);
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  const out = Object.create(null) as Record<string, unknown>;
  for (const [key, member] of Object.entries(value)) out[key] = bare(member);
  return out;
}

/**
 * The data a template is rendered with: `customer.*` (the fields of {@link CUSTOMER_MERGE_FIELDS})
 * and `data.*` (the caller's JSON), copied into objects without prototypes and without
 * functions, so a template reaches nothing but this data (Mustache calls functions it finds and
 * follows `in`, which sees prototypes: neither is possible here).
 */
export function mergeView(
  customer: CustomerRecord | undefined,
  data: Record<string, JsonValue> | undefined,
): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (customer) {
    fields.name = customer.name;
    fields.email = customer.email;
    fields.phone = customer.phone;
    fields.kind = customer.kind;
    fields.city = customer.objective?.city;
    fields.country = customer.objective?.country;
    fields.language = customer.objective?.language;
  }
  return bare({ customer: fields, data: data ?? {} }) as Record<string, unknown>;
}
