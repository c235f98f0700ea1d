import type { FutureValue } from '../entities/customer.js';

const money = (m: { amount: number; currency: string }) =>
  new Intl.NumberFormat('en', { style: 'currency', currency: m.currency, maximumFractionDigits: 0 }).format(
    m.amount / 100,
  );

/** The prediction as a sentence: "likely active: 82%; expected 3.1 purchases and €410 in the next 12 months". */
export function describeFutureValue(fv: FutureValue): string {
  const months = Math.round(fv.horizonWeeks / (52 / 12));
  return `${fv.pAlive >= 0.5 ? 'likely' : 'unlikely'} active: ${Math.round(fv.pAlive * 100)}%; expected ${fv.expectedPurchases.toFixed(1)} purchases and ${money(fv.lifetimeValue)} in the next ${months} months`;
}
