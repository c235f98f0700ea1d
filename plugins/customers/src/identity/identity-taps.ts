import {
  ConflictError,
  HookStage,
  isoTime,
  RapportError,
  type RegisterContext,
  type WriteContext,
} from '@rapport/core';
import type { Customer, CustomerRecord } from '../entities/customer.js';
import { fieldError } from '../errors.js';
import type { CustomersOptions } from '../options.js';
import { PLUGIN_ID } from '../plugin-id.js';
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
    if (!phone.ok) throw fieldError(entity, 'phone', 'phone', phone.message);
    out.phone = phone.e164;
  }
  if (typeof record.email === 'string') {
    out.email = normaliseEmail(record.email);
    if (!isEmail(out.email)) throw fieldError(entity, 'email', 'email', 'is not a valid e-mail address');
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
  return new ConflictError(
    `${field} ${value} already belongs to ${who}; merge or update that customer instead`,
    {
      details: {
        entity: 'customer',
        field,
        value,
        existingId: existing.id,
        // The server keeps a CONFLICT that names a conflicting record a 409, even under If-Match.
        conflictingId: existing.id,
      },
    },
  );
}

async function assertUnique(
  write: WriteContext<Customer>,
  record: CustomerRecord,
  field: 'phone' | 'email',
  value: string,
): Promise<void> {
  if (write.previous && write.previous[field] === value) return; // unchanged: nothing to check
  const customers = write.system<Customer>('customer');
  // A count through the unique index is the cheap common case (nobody holds the value); the
  // holder is looked up only when there is one.
  if ((await customers.count({ [field]: value })) === 0) return;
  const { items } = await customers.find({ where: { [field]: value }, limit: 2, fields: ['id', 'name'] });
  const other = items.find((item) => item.id !== record.id);
  if (!other) return;
  // Name the holder only to someone allowed to see it; the id is needed to merge either way.
  let visible = true;
  try {
    await write.data('customer').get(other.id);
  } catch (error) {
    if (!(error instanceof RapportError)) throw error;
    visible = false;
  }
  throw duplicateError(field, value, visible ? other : { id: other.id });
}

/**
 * Identity rules of `customer`: phone normalised to E.164 and e-mail lower-cased (early
 * `before*` taps, so every later tap and the store see the normal form); a `validate` tap that
 * refuses a phone or e-mail another customer holds with a 409 naming that customer. The unique
 * indexes on both fields stay the race-proof backstop. `acquiredAt` defaults to the creation time.
 */
export function tapCustomerIdentity(ctx: RegisterContext<CustomersOptions>): void {
  const hooks = ctx.hooks.entity<Customer>('customer');
  const region = ctx.options.defaultRegion;
  const tap = { name: PLUGIN_ID, stage: HookStage.EARLY };

  hooks.validate.tapPromise(tap, async (write) => {
    if (write.operation === 'delete') return;
    const identity = normaliseIdentity('customer', write.record, region);
    for (const field of IDENTITY_FIELDS) {
      const value = identity[field];
      if (value) await assertUnique(write, write.record, field, value);
    }
  });

  const normalise = async (record: CustomerRecord): Promise<CustomerRecord> => ({
    ...record,
    ...normaliseIdentity('customer', record, region),
    acquiredAt: isoTime(Date.parse(record.acquiredAt ?? record.createdAt)),
  });
  hooks.beforeCreate.tapPromise(tap, normalise);
  hooks.beforeUpdate.tapPromise(tap, normalise);
}
