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

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value ?? null;
}

/** Do two JSON values hold the same data, whatever their key order? (`undefined` equals `null`.) */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
