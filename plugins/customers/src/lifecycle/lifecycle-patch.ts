import { isoTime, type Repository, sameJson } from '@rapport/core';
import type { Customer, CustomerValueStats } from '../entities/customer.js';
import type { CustomerValue } from '../entities/customer-value.js';
import type { CustomersOptions } from '../options.js';
import { deriveStage, laterOf } from './derive-stage.js';

/** The computed fields of a customer that the lifecycle touches. */
export type LifecycleFields = Pick<Customer, 'value' | 'lifecycleStage' | 'lifecycleChangedAt' | 'wonBackAt'>;

/**
 * Purchases since `wonBackAt` (the current relationship), counted by the store; without a
 * win-back, every purchase counts and `fallback` (the purchase total) is the answer.
 */
export async function countTenurePurchases(
  values: Repository<CustomerValue>,
  customerId: string,
  wonBackAt: string | undefined,
  fallback: number,
): Promise<number> {
  if (!wonBackAt) return fallback;
  return values.count({ customerId, kind: 'purchase', at: { gte: wonBackAt } });
}

/**
 * The merge patch that brings a customer's value stats (absent: the customer has no value
 * records) and lifecycle stage up to date: only
 * the fields that changed (`null` removes one); empty when nothing did. The stage's
 * `lifecycleChangedAt` moves only when the stage does.
 */
export function lifecyclePatch(
  current: Partial<LifecycleFields>,
  stats: CustomerValueStats | undefined,
  wonBackAt: string | undefined,
  tenurePurchases: number,
  now: number,
  options: CustomersOptions,
): Record<string, unknown> {
  const lastActivityAt = options.lifecycle.activityFromInteractions
    ? laterOf(stats?.lastPurchaseAt, stats?.lastInboundAt)
    : stats?.lastPurchaseAt;
  const tenureStartAt = wonBackAt ?? stats?.firstPurchaseAt;
  const stage = deriveStage(
    {
      purchases: stats?.purchases ?? 0,
      tenurePurchases,
      ...(tenureStartAt ? { tenureStartAt } : {}),
      ...(lastActivityAt ? { lastActivityAt } : {}),
      ...(wonBackAt ? { wonBackAt } : {}),
    },
    now,
    options.lifecycle,
  );
  const patch: Record<string, unknown> = {};
  if (!sameJson(current.value, stats)) patch.value = stats ?? null;
  if ((current.wonBackAt ?? null) !== (wonBackAt ?? null)) patch.wonBackAt = wonBackAt ?? null;
  if ((current.lifecycleStage ?? 'prospect') !== stage) {
    patch.lifecycleStage = stage;
    patch.lifecycleChangedAt = isoTime(now);
  }
  return patch;
}
