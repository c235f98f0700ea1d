import { fieldError, HookStage, NotFoundError, type RegisterContext, type WriteContext } from '@rapport/core';
import { normaliseIdentity } from '../identity/identity-taps.js';
import type { CustomersOptions } from '../options.js';
import { CUSTOMERS_PLUGIN_ID } from '../plugin-id.js';
import type { Contact, ContactRecord } from './contact.js';
import type { Customer } from './customer.js';

/**
 * Loads a customer as the writer, or throws a field error on `path` when there is none — or
 * none the writer may see: nobody attaches records to a customer their record rules hide.
 */
export async function requireCustomer(
  write: Pick<WriteContext, 'data'>,
  entity: string,
  customerId: string,
  path = 'customerId',
) {
  try {
    return await write.data<Customer>('customer').get(customerId);
  } catch (error) {
    if (error instanceof NotFoundError) {
      throw fieldError(entity, path, 'customers.customer', `names no customer ('${customerId}')`);
    }
    throw error;
  }
}

/**
 * Rules of `contact`: it belongs to an existing organisation customer (a person customer has
 * no contacts: it is its own contact); phone normalised to E.164 and e-mail lower-cased, like
 * customers, but not unique (colleagues share a switchboard and a team mailbox).
 */
export function tapContactRules(ctx: RegisterContext<CustomersOptions>): void {
  const hooks = ctx.hooks.entity<Contact>('contact');
  const region = ctx.options.defaultRegion;

  hooks.validate.tapPromise({ name: CUSTOMERS_PLUGIN_ID, stage: HookStage.EARLY }, async (write) => {
    if (write.operation === 'delete') return;
    normaliseIdentity('contact', write.record, region);
    if (write.previous?.customerId === write.record.customerId) return;
    const customer = await requireCustomer(write, 'contact', write.record.customerId);
    if (customer.kind !== 'organisation') {
      throw fieldError(
        'contact',
        'customerId',
        'customers.organisation',
        `names a ${customer.kind} customer; contacts belong to organisations`,
      );
    }
  });

  const normalise = async (record: ContactRecord): Promise<ContactRecord> => ({
    ...record,
    ...normaliseIdentity('contact', record, region),
  });
  hooks.beforeCreate.tapPromise({ name: CUSTOMERS_PLUGIN_ID, stage: HookStage.EARLY }, normalise);
  hooks.beforeUpdate.tapPromise({ name: CUSTOMERS_PLUGIN_ID, stage: HookStage.EARLY }, normalise);
}
