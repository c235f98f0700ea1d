import type { AbcClass } from '../entities/vocabulary.js';
import type { AbcOptions } from '../options.js';

/** A customer and the value the classification ranks them by. */
export interface ValuedCustomer {
  customerId: string;
  value: number;
}

/**
 * Classifies customers by their share of total value (Pareto / ABC analysis). Customers are
 * ranked by value, highest first. Walking down the ranking, a customer is **A** while the
 * value of everyone ranked above them is still below `a` of the total — so A is the smallest
 * top group that together reaches `a` (80%). **B** continues the same way up to `a + b` (95%);
 * everyone after is **C**. Customers with the same value always share a class (the better one),
 * so the result does not depend on an arbitrary tie order. Only positive values are classified;
 * customers with no (or negative net) value get no class.
 *
 * @example
 * ```ts
 * classifyAbc([{ customerId: 'x', value: 80 }, { customerId: 'y', value: 20 }], { a: 0.8, b: 0.15 });
 * // Map { 'x' => 'A', 'y' => 'B' }
 * ```
 */
export function classifyAbc(customers: readonly ValuedCustomer[], shares: AbcOptions): Map<string, AbcClass> {
  const ranked = customers
    .filter((c) => c.value > 0)
    .sort((x, y) => y.value - x.value || (x.customerId < y.customerId ? -1 : 1));
  const total = ranked.reduce((sum, c) => sum + c.value, 0);
  const classes = new Map<string, AbcClass>();
  let before = 0; // value of everyone ranked above the current tie group
  let i = 0;
  while (i < ranked.length) {
    const value = (ranked[i] as ValuedCustomer).value;
    let j = i;
    while (j < ranked.length && (ranked[j] as ValuedCustomer).value === value) j += 1;
    const share = before / total;
    // A tiny epsilon keeps 0.8 from reading as 0.8000000000000002 on the boundary.
    const cls: AbcClass = share < shares.a - 1e-12 ? 'A' : share < shares.a + shares.b - 1e-12 ? 'B' : 'C';
    for (let k = i; k < j; k += 1) classes.set((ranked[k] as ValuedCustomer).customerId, cls);
    before += value * (j - i);
    i = j;
  }
  return classes;
}
