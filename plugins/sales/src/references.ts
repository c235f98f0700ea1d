import { NotFoundError, type Repository } from '@rapport/core';
import type { Contact, Customer, CustomerRecord } from '@rapport/plugin-customers';
import { fieldError } from './errors.js';

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
      throw fieldError(entity, path, 'reference', `names no ${target} ('${id}')`);
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
      'reference',
      `is a contact of another customer ('${contact.customerId}')`,
    );
  }
}

/** Names the computed fields a non-system writer changed; a 400 listing them. */
export function refuseComputed(
  entity: string,
  fields: readonly string[],
  record: object,
  previous: object | undefined,
  given: object | undefined,
): void {
  const now = record as Record<string, unknown>;
  const before = previous as Record<string, unknown> | undefined;
  const written = fields.filter((field) => {
    if (before) return given !== undefined && field in given && !sameJson(now[field], before[field]);
    return now[field] !== undefined;
  });
  if (written.length === 0) return;
  const error = fieldError(
    entity,
    written[0] as string,
    'computed',
    'is computed by the sales plugin and cannot be written',
  );
  error.errors.push(
    ...written.slice(1).map((path) => ({
      path,
      rule: 'sales.computed',
      message: 'is computed by the sales plugin and cannot be written',
    })),
  );
  throw error;
}

/** Deep equality of two JSON values. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
