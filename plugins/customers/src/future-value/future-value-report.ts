import type { Actor, Kernel } from '@rapport/core';
import type { Customer, CustomerRecord } from '../entities/customer.js';

/** The future-value picture of the customers one reader may see. */
export interface FutureValueReport {
  /** Customers with a prediction. */
  predicted: number;
  /** Sum of their lifetime values (minor units of the reporting currency). */
  customerEquity: number;
  /** Sum of P(alive): how many of them are expected to be still active. */
  expectedActive: number;
  /** When the predictions were fitted (the latest `futureValue.fittedAt`), or null. */
  fittedAt: string | null;
  /** Class-A customers with P(alive) under 0.3, most valuable first: the win-back list. */
  atRiskValuable: CustomerRecord[];
}

/**
 * Reads the report as `actor`, so record rules apply to the totals and the list alike (a sales
 * rep sees their own customers' numbers). One aggregate and one page of at most `limit` rows.
 */
export async function readFutureValueReport(
  kernel: Kernel,
  actor: Actor,
  limit = 20,
): Promise<FutureValueReport> {
  const customers = kernel.data<Customer>('customer', { actor });
  const [[row], atRisk] = await Promise.all([
    customers.aggregate({
      where: { 'futureValue.fittedAt': { exists: true } },
      measures: {
        n: 'count',
        equity: 'sum:futureValue.lifetimeValue.amount',
        active: 'sum:futureValue.pAlive',
        fittedAt: 'max:futureValue.fittedAt',
      },
    }),
    customers.find({
      where: { abcClass: 'A', 'futureValue.pAlive': { lt: 0.3 } },
      sort: ['-value.lifetime.amount'],
      limit,
      fields: ['id', 'name', 'ownerId', 'abcClass', 'value', 'futureValue'],
    }),
  ]);
  return {
    predicted: Number(row?.n ?? 0),
    customerEquity: Number(row?.equity ?? 0),
    expectedActive: Number(row?.active ?? 0),
    fittedAt: typeof row?.fittedAt === 'string' ? row.fittedAt : null,
    atRiskValuable: atRisk.items,
  };
}
