import { type Actor, isoTime } from '@rapport/core';
import type { Customer, CustomerRecord } from '../entities/customer.js';
import type { CustomersContext } from '../service.js';
import {
  type CustomerProfile,
  PROFILE_PARTS,
  type ProfileContribution,
  type ProfilePart,
  type ProfilePartResult,
} from './profile-types.js';

/** Why a part is absent when no installed plugin contributes to it. */
export const ABSENT_REASONS: Record<ProfilePart, string> = {
  profiling: 'no installed plugin describes this customer',
  persistency: 'no installed plugin reports loyalty or lifecycle',
  profitability: 'no installed plugin reports value',
  performance: 'no installed plugin reports performance',
  prospecting:
    'no installed plugin reports future value (install @rapport/plugin-sales for open deals and the forecast)',
  product:
    'no installed plugin reports what the customer buys (install @rapport/plugin-sales for order lines)',
  promotion: 'no installed plugin reports campaigns and responses (install @rapport/plugin-campaigns)',
};

/**
 * The 7P profile of a customer (seed 004: Profiling, Persistency, Profitability, Performance,
 * Prospecting, Product, Promotion). Every plugin that taps the `profile` hook contributes to
 * the parts it knows; a part nobody filled is `absent` with the reason. Reads act as `actor`.
 */
export async function readProfile(
  context: CustomersContext,
  actor: Actor,
  customerId: string,
): Promise<CustomerProfile> {
  const kernel = context.kernel;
  const customer = (await kernel.data<Customer>('customer', { actor }).get(customerId)) as CustomerRecord;
  const contributions = new Map<ProfilePart, ProfileContribution[]>();
  await context.hooks.profile.promise({
    customerId,
    customer,
    actor,
    data: (entity) => kernel.data(entity, { actor }),
    canRead: (entity) => kernel.access.can(actor, entity, 'read'),
    now: () => kernel.clock.now(),
    contribute: (part, contribution) => {
      if (!PROFILE_PARTS.includes(part))
        throw new TypeError(`'${part}' is not a 7P part (${PROFILE_PARTS.join(', ')})`);
      contributions.set(part, [...(contributions.get(part) ?? []), contribution]);
    },
  });
  const parts = Object.fromEntries(
    PROFILE_PARTS.map((part): [ProfilePart, ProfilePartResult] => {
      const list = contributions.get(part);
      return [
        part,
        list && list.length > 0
          ? { status: 'available', contributions: list.sort((a, b) => (a.source < b.source ? -1 : 1)) }
          : { status: 'absent', reason: ABSENT_REASONS[part] },
      ];
    }),
  ) as Record<ProfilePart, ProfilePartResult>;
  return { customerId, generatedAt: isoTime(kernel.clock.now()), parts };
}
