import type { LifecycleStage } from '../entities/vocabulary.js';
import { DAY_MS, type LifecycleOptions } from '../options.js';

/** The facts a customer's lifecycle stage is derived from. */
export interface LifecycleFacts {
  /** Purchases ever. */
  purchases: number;
  /** Purchases since the relationship (re)started: since `wonBackAt`, or ever. */
  tenurePurchases: number;
  /** First purchase of the current relationship: `wonBackAt`, or the first purchase ever (ISO). */
  tenureStartAt?: string;
  /** Latest purchase, or latest inbound interaction when those count as activity (ISO). */
  lastActivityAt?: string;
  /** The purchase that ended the last churn (ISO). */
  wonBackAt?: string;
}

/**
 * Derives the lifecycle stage at `now`, first rule that holds:
 * 1. no purchase ever → `prospect`;
 * 2. idle ≥ `churnAfterDays` → `churned`;
 * 3. idle ≥ `atRiskAfterDays` → `at-risk`;
 * 4. won back and not bought again since → `won-back`;
 * 5. ≥ `loyalAfterPurchases` purchases in the current relationship → `loyal`;
 * 6. one purchase, the first less than `newForDays` ago → `new`;
 * 7. otherwise `active`.
 */
export function deriveStage(facts: LifecycleFacts, now: number, options: LifecycleOptions): LifecycleStage {
  if (facts.purchases === 0 || !facts.lastActivityAt) return 'prospect';
  const idleDays = (now - Date.parse(facts.lastActivityAt)) / DAY_MS;
  if (idleDays >= options.churnAfterDays) return 'churned';
  if (idleDays >= options.atRiskAfterDays) return 'at-risk';
  if (facts.wonBackAt && facts.tenurePurchases < 2) return 'won-back';
  if (facts.tenurePurchases >= options.loyalAfterPurchases) return 'loyal';
  if (
    facts.tenurePurchases <= 1 &&
    facts.tenureStartAt &&
    now - Date.parse(facts.tenureStartAt) < options.newForDays * DAY_MS
  ) {
    return 'new';
  }
  return 'active';
}

/**
 * Is a purchase at `purchaseAt` a win-back? Yes when the previous purchase was at least
 * `churnAfterDays` earlier: the customer had churned by then, whether or not a recompute had
 * already marked them so. This makes win-back independent of when the job last ran.
 */
export function isWinBack(
  previousPurchaseAt: string | undefined,
  purchaseAt: string,
  options: LifecycleOptions,
): boolean {
  if (!previousPurchaseAt) return false;
  return Date.parse(purchaseAt) - Date.parse(previousPurchaseAt) >= options.churnAfterDays * DAY_MS;
}

/** The later of two ISO times (either may be absent). */
export function laterOf(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
