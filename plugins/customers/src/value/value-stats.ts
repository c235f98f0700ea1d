import type { CustomerValueStats } from '../entities/customer.js';

/** Stats of a customer with no value records yet. */
export function emptyStats(currency: string): CustomerValueStats {
  return {
    lifetime: { amount: 0, currency },
    window: { amount: 0, currency },
    purchases: 0,
    windowPurchases: 0,
  };
}
