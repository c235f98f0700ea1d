import type { Repository, Where } from '@rapport/core';
import type { CustomerValue } from '../entities/customer-value.js';

const WEEK_MS = 7 * 86_400_000;

/** One customer's purchase occasions: their times (ms, ascending) and the amount spent at each. */
export interface PurchaseOccasions {
  at: number[];
  amount: number[];
}

/**
 * Every customer's purchase occasions, read with one grouped store aggregate over the purchase
 * value records (`groupBy: customerId, at`): purchases recorded at the same instant are one
 * occasion, as the literature counts them (two orders on one day, stamped with that day, are one
 * purchase). Refunds and adjustments are not purchases and are left out. Read through `values`,
 * so the caller's record rules apply.
 */
export async function loadPurchaseOccasions(
  values: Repository<CustomerValue>,
  scope: Where = {},
): Promise<Map<string, PurchaseOccasions>> {
  const rows = await values.aggregate({
    where: { ...scope, kind: 'purchase' },
    groupBy: ['customerId', 'at'],
    measures: { total: 'sum:amount.amount' },
  });
  const byCustomer = new Map<string, PurchaseOccasions>();
  for (const row of rows) {
    const at = typeof row.at === 'string' ? Date.parse(row.at) : Number.NaN;
    if (!Number.isFinite(at)) continue;
    const id = String(row.customerId);
    let occasions = byCustomer.get(id);
    if (!occasions) {
      occasions = { at: [], amount: [] };
      byCustomer.set(id, occasions);
    }
    occasions.at.push(at);
    occasions.amount.push(Number(row.total));
  }
  for (const occasions of byCustomer.values()) sortByTime(occasions);
  return byCustomer;
}

function sortByTime(o: PurchaseOccasions): void {
  for (let i = 1; i < o.at.length; i++) {
    if ((o.at[i - 1] as number) <= (o.at[i] as number)) continue;
    const order = o.at.map((_, k) => k).sort((p, q) => (o.at[p] as number) - (o.at[q] as number));
    const [at, amount] = [order.map((k) => o.at[k] as number), order.map((k) => o.amount[k] as number)];
    o.at = at;
    o.amount = amount;
    return;
  }
}

/**
 * The calibration data of the models at `end` (weeks): for each customer whose first purchase is
 * at or before `end`, `x` repeat occasions, `tx` the time of the last one and `T` the time to
 * `end`, both from the first purchase; `mean` the average of the repeat occasions' amounts (0
 * for a customer without one), the spend the Gamma-Gamma model takes, with `x` as its count.
 */
export interface PurchaseHistories {
  ids: string[];
  x: number[];
  tx: number[];
  T: number[];
  mean: number[];
}

/** Cuts every customer's occasions at `end` (inclusive) into {@link PurchaseHistories}. */
export function historiesAt(occasions: Map<string, PurchaseOccasions>, end: number): PurchaseHistories {
  const h: PurchaseHistories = { ids: [], x: [], tx: [], T: [], mean: [] };
  for (const [id, o] of occasions) {
    const first = o.at[0];
    if (first === undefined || first > end) continue;
    let n = 0;
    let repeatSpend = 0;
    let last = first;
    for (let i = 0; i < o.at.length && (o.at[i] as number) <= end; i++) {
      n++;
      last = o.at[i] as number;
      if (i > 0) repeatSpend += o.amount[i] as number;
    }
    h.ids.push(id);
    h.x.push(n - 1);
    h.tx.push((last - first) / WEEK_MS);
    h.T.push(Math.max(0, (end - first) / WEEK_MS));
    h.mean.push(n > 1 ? repeatSpend / (n - 1) : 0);
  }
  return h;
}

/** For each customer of `histories`, the occasions after `end` and up to `end + weeks` (inclusive). */
export function occasionsAfter(
  occasions: Map<string, PurchaseOccasions>,
  histories: PurchaseHistories,
  end: number,
  weeks: number,
): number[] {
  const until = end + weeks * WEEK_MS;
  return histories.ids.map((id) => {
    const at = occasions.get(id)?.at ?? [];
    let count = 0;
    for (const t of at) if (t > end && t <= until) count++;
    return count;
  });
}
