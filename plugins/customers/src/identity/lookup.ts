import type { Actor, Kernel, Where } from '@rapport/core';
import { fieldError } from '@rapport/core';
import type { Customer, CustomerRecord } from '../entities/customer.js';
import { normaliseIdentity } from './identity-taps.js';

/**
 * Finds the customer behind a phone number or e-mail address in any format (`0151 2345678`,
 * `+49 151 2345678`, `Ada@Example.com`): the screen-pop of a call centre or an inbound mail.
 * Reads as `actor`; answers the matching customers (at most two: one per identity field).
 */
export async function lookupCustomer(
  kernel: Kernel,
  actor: Actor,
  query: { phone?: string; email?: string },
  defaultRegion: string | undefined,
): Promise<CustomerRecord[]> {
  if (!query.phone && !query.email)
    throw fieldError('lookup', 'phone', 'customers.lookup', 'give a phone number or an e-mail');
  const identity = normaliseIdentity('lookup', query, defaultRegion);
  const or: Where[] = [];
  if (identity.phone) or.push({ phone: identity.phone });
  if (identity.email) or.push({ email: identity.email });
  const page = await kernel.data<Customer>('customer', { actor }).find({ where: { or }, limit: 2 });
  return page.items as CustomerRecord[];
}
