import {
  ConflictError,
  isoTime,
  type Kernel,
  type Logger,
  type Repository,
  SYSTEM_ACTOR,
  sameJson,
} from '@rapport/core';
import { classifyAbc } from '../classify/abc.js';
import { scoreRfm } from '../classify/rfm.js';
import type { Customer, CustomerRecord } from '../entities/customer.js';
import type { CustomerValue } from '../entities/customer-value.js';
import type { Interaction } from '../entities/interaction.js';
import type { AbcClass, LifecycleStage } from '../entities/vocabulary.js';
import { historiesAt, loadPurchaseOccasions } from '../future-value/purchase-occasions.js';
import { type FutureValueSummary, scoreFutureValue } from '../future-value/score-customers.js';
import { isWinBack } from '../lifecycle/derive-stage.js';
import { lifecyclePatch } from '../lifecycle/lifecycle-patch.js';
import { type CustomersOptions, DAY_MS } from '../options.js';
import { countTenureBatch } from './tenure.js';
import { loadValueFacts, statsOf } from './value-facts.js';

/** What one recompute did. */
export interface RecomputeSummary {
  /** The time the computation used (ISO). */
  at: string;
  customers: number;
  /** Customers whose computed fields changed and were written. */
  updated: number;
  /** Customers changed by someone else meanwhile; the next run picks them up. */
  skipped: number;
  classes: Record<AbcClass, number>;
  stages: Record<LifecycleStage, number>;
  /** The future-value fit: its parameters and the data it saw, or why it was refused. */
  futureValue: FutureValueSummary;
  ms: number;
}

const PAGE = 500;
const WRITE_BATCH = 100;
const FIELDS = [
  'id',
  'version',
  'lifecycleStage',
  'lifecycleChangedAt',
  'wonBackAt',
  'abcClass',
  'rfm',
  'value',
  'futureValue',
];

/**
 * Recomputes every customer's value stats, ABC class, RFM scores and lifecycle stage at `now`.
 * Value comes from grouped store aggregates; customers are read a page at a time (only the
 * computed fields) and written only when something changed, in batches of one transaction each
 * (a batch that hits a concurrent change is retried customer by customer, skipping those).
 * Stage changes emit `customers.customer.lifecycleChanged`, class changes `.abcClassChanged`.
 */
export async function recomputeCustomers(
  kernel: Kernel,
  options: CustomersOptions,
  now: number,
  logger?: Logger,
): Promise<RecomputeSummary> {
  const started = performance.now();
  const system = { actor: SYSTEM_ACTOR };
  const customers = kernel.data<Customer>('customer', system);
  const values = kernel.data<CustomerValue>('customerValue', system);
  const facts = await loadValueFacts(
    { values, interactions: kernel.data<Interaction>('interaction', system) },
    {
      windowStart: isoTime(now - options.valueWindowDays * DAY_MS),
      inbound: options.lifecycle.activityFromInteractions,
    },
  );
  const abc = classifyAbc(
    [...facts].map(([customerId, f]) => ({ customerId, value: f.window })),
    options.abc,
  );
  const rfm = scoreRfm(
    [...facts]
      .filter(([, f]) => f.windowPurchases > 0 && f.windowLastPurchaseAt)
      .map(([customerId, f]) => ({
        customerId,
        lastPurchaseAt: Date.parse(f.windowLastPurchaseAt as string),
        frequency: f.windowPurchases,
        monetary: f.window,
      })),
  );

  const occasions = await loadPurchaseOccasions(values);
  const future = scoreFutureValue(historiesAt(occasions, now), now, options.futureValue, options.currency);
  if (future.summary.error)
    logger?.warn({ ...future.summary.error }, 'future value not fitted; previous predictions kept');

  const summary: RecomputeSummary = {
    at: isoTime(now),
    customers: 0,
    updated: 0,
    skipped: 0,
    classes: { A: 0, B: 0, C: 0 },
    stages: { prospect: 0, new: 0, active: 0, loyal: 0, 'at-risk': 0, churned: 0, 'won-back': 0 },
    futureValue: future.summary,
    ms: 0,
  };
  let cursor: string | undefined;
  do {
    const page = await customers.find({
      sort: ['id'],
      limit: PAGE,
      fields: FIELDS,
      ...(cursor ? { cursor } : {}),
    });
    cursor = page.nextCursor;
    const wonBack = new Map<string, string>();
    const planned = page.items.map((customer) => {
      const known = facts.get(customer.id);
      const stats = known ? statsOf(known, options.currency) : undefined;
      const previousLast = customer.value?.lastPurchaseAt;
      let wonBackAt = customer.wonBackAt;
      if (
        previousLast &&
        stats?.lastPurchaseAt &&
        stats.lastPurchaseAt > previousLast &&
        isWinBack(previousLast, stats.lastPurchaseAt, options.lifecycle)
      ) {
        wonBackAt = stats.lastPurchaseAt;
      }
      if (wonBackAt) wonBack.set(customer.id, wonBackAt);
      return { customer, stats, wonBackAt };
    });
    const tenure = await countTenureBatch(values, wonBack);
    const writes: Array<{ customer: CustomerRecord; patch: Record<string, unknown> }> = [];
    for (const { customer, stats, wonBackAt } of planned) {
      const patch = lifecyclePatch(
        customer,
        stats,
        wonBackAt,
        wonBackAt ? (tenure.get(customer.id) ?? 0) : (stats?.purchases ?? 0),
        now,
        options,
      );
      const cls = abc.get(customer.id);
      const score = rfm.get(customer.id);
      if ((customer.abcClass ?? null) !== (cls ?? null)) patch.abcClass = cls ?? null;
      if (!sameJson(customer.rfm, score)) patch.rfm = score ?? null;
      if ('abcClass' in patch || 'rfm' in patch) patch.classifiedAt = isoTime(now);
      if (!future.summary.error) {
        const predicted = future.scores.get(customer.id);
        if (!sameJson(customer.futureValue, predicted)) patch.futureValue = predicted ?? null;
      }
      summary.customers += 1;
      if (cls) summary.classes[cls] += 1;
      summary.stages[(patch.lifecycleStage ?? customer.lifecycleStage ?? 'prospect') as LifecycleStage] += 1;
      if (Object.keys(patch).length > 0) writes.push({ customer, patch });
    }
    for (let i = 0; i < writes.length; i += WRITE_BATCH) {
      const batch = writes.slice(i, i + WRITE_BATCH);
      const result = await writeBatch(kernel, customers, batch);
      summary.updated += result.updated;
      summary.skipped += result.skipped;
    }
  } while (cursor);
  summary.ms = Math.round(performance.now() - started);
  logger?.info({ ...summary }, 'customers recomputed');
  return summary;
}

async function writeBatch(
  kernel: Kernel,
  customers: Repository<Customer>,
  batch: Array<{ customer: CustomerRecord; patch: Record<string, unknown> }>,
): Promise<{ updated: number; skipped: number }> {
  const update = (repo: Repository<Customer>, item: (typeof batch)[number]) =>
    repo.update(item.customer.id, item.patch as Partial<Customer>, {
      expectedVersion: item.customer.version,
    });
  try {
    await kernel.transaction(async (tx) => {
      const repo = tx.data<Customer>('customer', { actor: SYSTEM_ACTOR });
      for (const item of batch) await update(repo, item);
    });
    return { updated: batch.length, skipped: 0 };
  } catch (error) {
    if (!(error instanceof ConflictError) && !(error instanceof Error && error.name === 'NotFoundError'))
      throw error;
  }
  // Someone changed (or deleted) a customer of this batch meanwhile: write one by one.
  let updated = 0;
  let skipped = 0;
  for (const item of batch) {
    try {
      await update(customers, item);
      updated += 1;
    } catch (error) {
      if (!(error instanceof ConflictError) && !(error instanceof Error && error.name === 'NotFoundError'))
        throw error;
      skipped += 1;
    }
  }
  return { updated, skipped };
}
