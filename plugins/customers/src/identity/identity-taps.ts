import {
  type ConflictContext,
  ConflictError,
  fieldError,
  HookStage,
  isoTime,
  RapportError,
  type RegisterContext,
} from '@rapport/core';
import type { Customer, CustomerRecord } from '../entities/customer.js';
import type { CustomersOptions } from '../options.js';
import { CUSTOMERS_PLUGIN_ID } from '../plugin-id.js';
import { isEmail, normaliseEmail } from './email.js';
import { normalisePhone } from './phone.js';

/** The identity fields that are unique across customers. */
export const IDENTITY_FIELDS = ['phone', 'email'] as const;

/** Normalised phone and e-mail of a record; a ValidationError for an unusable phone or e-mail. */
export function normaliseIdentity(
  entity: string,
  record: { phone?: string; email?: string },
  defaultRegion: string | undefined,
): { phone?: string; email?: string } {
  const out: { phone?: string; email?: string } = {};
  if (typeof record.phone === 'string') {
    const phone = normalisePhone(record.phone, defaultRegion);
    if (!phone.ok) throw fieldError(entity, 'phone', 'customers.phone', phone.message);
    out.phone = phone.e164;
  }
  if (typeof record.email === 'string') {
    out.email = normaliseEmail(record.email);
    if (!isEmail(out.email))
      throw fieldError(entity, 'email', 'customers.email', 'is not a valid e-mail address');
  }
  return out;
}

/** The 409 for a taken phone or e-mail, naming the customer who holds it. */
export function duplicateError(
  field: string,
  value: string,
  existing: { id: string; name?: string },
): ConflictError {
  const who = existing.name ? `customer '${existing.name}' (${existing.id})` : `customer ${existing.id}`;
  return ConflictError.unique(
    `${field} ${value} already belongs to ${who}; merge or update that customer instead`,
    { entity: 'customer', fields: [field], values: [value], existingId: existing.id },
  );
}

/**
 * The 409 for a phone or e-mail the store's unique index refused: names the customer who holds
 * it when the writer may see that customer, its id either way (needed to merge).
 */
async function explainDuplicate(
  error: ConflictError,
  context: ConflictContext<Customer>,
): Promise<ConflictError> {
  const [field] = context.conflict.fields;
  const [value] = context.conflict.values;
  if (context.conflict.fields.length !== 1 || !isIdentityField(field) || typeof value !== 'string') {
    return error;
  }
  const holderId = context.conflict.conflictingId;
  let holder: { id: string; name?: string } = { id: holderId };
  try {
    holder = await context.data<Customer>('customer').get(holderId);
  } catch (lookup) {
    if (!(lookup instanceof RapportError)) throw lookup;
  }
  return duplicateError(field, value, holder);
}

function isIdentityField(field: string | undefined): field is (typeof IDENTITY_FIELDS)[number] {
  return (IDENTITY_FIELDS as readonly (string | undefined)[]).includes(field);
}

/**
 * Identity rules of `customer`: phone normalised to E.164 and e-mail lower-cased (early
 * `before*` taps, so every later tap and the store see the normal form; a `validate` tap refuses
 * an unusable phone or e-mail with a field error). The unique indexes on both fields refuse a
 * value another customer holds, race-proof and without a lookup per write; a `conflict` tap turns
 * that refusal into a 409 naming the holder. `acquiredAt` defaults to the creation time.
 */
export function tapCustomerIdentity(ctx: RegisterContext<CustomersOptions>): void {
  const hooks = ctx.hooks.entity<Customer>('customer');
  const region = ctx.options.defaultRegion;
  const tap = { name: CUSTOMERS_PLUGIN_ID, stage: HookStage.EARLY };

  hooks.validate.tapPromise(tap, async (write) => {
    if (write.operation !== 'delete') normaliseIdentity('customer', write.record, region);
  });
  hooks.conflict.tapPromise(CUSTOMERS_PLUGIN_ID, explainDuplicate);

  const normalise = async (record: CustomerRecord): Promise<CustomerRecord> => ({
    ...record,
    ...normaliseIdentity('customer', record, region),
    acquiredAt: isoTime(Date.parse(record.acquiredAt ?? record.createdAt)),
  });
  hooks.beforeCreate.tapPromise(tap, normalise);
  hooks.beforeUpdate.tapPromise(tap, normalise);
}
