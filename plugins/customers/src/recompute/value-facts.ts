import type { AggregateRow, Repository, Where } from '@rapport/core';
import type { CustomerValueStats } from '../entities/customer.js';
import type { CustomerValue } from '../entities/customer-value.js';
import type { Interaction } from '../entities/interaction.js';

/** What the store's aggregates say about one customer's value. */
export interface ValueFacts {
  lifetime: number;
  purchases: number;
  /** Sum of the purchases alone (no refunds or adjustments). */
  purchaseTotal: number;
  firstPurchaseAt?: string;
  lastPurchaseAt?: string;
  window: number;
  windowPurchases: number;
  windowLastPurchaseAt?: string;
  lastInboundAt?: string;
}

const empty = (): ValueFacts => ({
  lifetime: 0,
  purchases: 0,
  purchaseTotal: 0,
  window: 0,
  windowPurchases: 0,
});

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Reads every customer's value facts with grouped store aggregates — two over `customerValue`
 * (all time, and the trailing window, each grouped by customer and kind) and, when inbound
 * contact counts as activity, one over `interaction` — never by loading value records. With
 * `customerId`, the same for one customer.
 */
export async function loadValueFacts(
  repos: { values: Repository<CustomerValue>; interactions: Repository<Interaction> },
  options: { windowStart: string; customerId?: string; inbound: boolean },
): Promise<Map<string, ValueFacts>> {
  const scope: Where = options.customerId ? { customerId: options.customerId } : {};
  const groupBy = ['customerId', 'kind'];
  const [allTime, window] = await Promise.all([
    repos.values.aggregate({
      where: scope,
      groupBy,
      measures: { n: 'count', total: 'sum:amount.amount', first: 'min:at', last: 'max:at' },
    }),
    repos.values.aggregate({
      where: { ...scope, at: { gte: options.windowStart } },
      groupBy,
      measures: { n: 'count', total: 'sum:amount.amount', last: 'max:at' },
    }),
  ]);
  const facts = new Map<string, ValueFacts>();
  const of = (row: AggregateRow): ValueFacts => {
    const id = String(row.customerId);
    let entry = facts.get(id);
    if (!entry) {
      entry = empty();
      facts.set(id, entry);
    }
    return entry;
  };
  for (const row of allTime) {
    const entry = of(row);
    entry.lifetime += Number(row.total);
    if (row.kind === 'purchase') {
      entry.purchases = Number(row.n);
      entry.purchaseTotal = Number(row.total);
      const first = text(row.first);
      const last = text(row.last);
      if (first) entry.firstPurchaseAt = first;
      if (last) entry.lastPurchaseAt = last;
    }
  }
  for (const row of window) {
    const entry = of(row);
    entry.window += Number(row.total);
    if (row.kind === 'purchase') {
      entry.windowPurchases = Number(row.n);
      const last = text(row.last);
      if (last) entry.windowLastPurchaseAt = last;
    }
  }
  if (options.inbound) {
    const inbound = await repos.interactions.aggregate({
      where: { ...scope, direction: 'inbound' },
      groupBy: ['customerId'],
      measures: { last: 'max:occurredAt' },
    });
    for (const row of inbound) {
      const last = text(row.last);
      if (last) of(row).lastInboundAt = last;
    }
  }
  return facts;
}

/** Turns facts into the stats stored on a customer. */
export function statsOf(facts: ValueFacts | undefined, currency: string): CustomerValueStats {
  const f = facts ?? empty();
  return {
    lifetime: { amount: f.lifetime, currency },
    window: { amount: f.window, currency },
    purchases: f.purchases,
    windowPurchases: f.windowPurchases,
    ...(f.firstPurchaseAt ? { firstPurchaseAt: f.firstPurchaseAt } : {}),
    ...(f.lastPurchaseAt ? { lastPurchaseAt: f.lastPurchaseAt } : {}),
    ...(f.lastInboundAt ? { lastInboundAt: f.lastInboundAt } : {}),
  };
}
