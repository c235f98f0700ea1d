import { fieldError, NotFoundError, type Repository } from '@rapport/core';
import type { Contact, Customer, CustomerRecord } from '@rapport/plugin-customers';

/** What reference checks need from a write context. */
export interface Reader {
  data<U = Record<string, unknown>>(entity: string): Repository<U>;
}

/**
 * Loads a record as the writer, or throws a 400 on `path` when there is none — or none the
 * writer may see: nobody attaches records to something their record rules hide.
 */
export async function requireRecord<T>(
  reader: Reader,
  entity: string,
  target: string,
  id: string,
  path: string,
) {
  try {
    return await reader.data<T>(target).get(id);
  } catch (error) {
    if (error instanceof NotFoundError)
      throw fieldError(entity, path, 'sales.reference', `names no ${target} ('${id}')`);
    throw error;
  }
}

/** The customer `id`, or a 400 on `path`. */
export function requireCustomer(reader: Reader, entity: string, id: string, path = 'customerId') {
  return requireRecord<Customer>(reader, entity, 'customer', id, path) as Promise<CustomerRecord>;
}

/** Checks that `contactId` is a contact of `customerId`; a 400 on `contactId` otherwise. */
export async function requireContactOf(
  reader: Reader,
  entity: string,
  contactId: string,
  customerId: string,
): Promise<void> {
  const contact = await requireRecord<Contact>(reader, entity, 'contact', contactId, 'contactId');
  if (contact.customerId !== customerId) {
    throw fieldError(
      entity,
      'contactId',
      'sales.reference',
      `is a contact of another customer ('${contact.customerId}')`,
    );
  }
}
