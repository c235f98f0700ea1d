import type { Allocation } from '../entities/entry.js';
import type { Lot } from '../entities/member.js';

/** Orders lots: soonest expiry first, lots that never expire last, older first among equals. */
function before(a: Lot, b: Lot): boolean {
  if (a.expiresAt === b.expiresAt) return false;
  if (a.expiresAt === undefined) return false;
  if (b.expiresAt === undefined) return true;
  return a.expiresAt < b.expiresAt;
}

/** Adds a lot after every lot that expires no later (so older lots stay first among equals). */
export function addLot(lots: readonly Lot[], lot: Lot): Lot[] {
  const at = lots.findIndex((other) => before(lot, other));
  return at === -1 ? [...lots, lot] : [...lots.slice(0, at), lot, ...lots.slice(at)];
}

/** The points of all lots. */
export function lotTotal(lots: readonly Lot[]): number {
  return lots.reduce((sum, lot) => sum + lot.remaining, 0);
}

/**
 * Takes `points` from the lots in order (soonest expiry first, FIFO among equals). The caller
 * checks the lots cover `points`; what they do not cover is returned as `uncovered`.
 */
export function consume(
  lots: readonly Lot[],
  points: number,
): { lots: Lot[]; allocations: Allocation[]; uncovered: number } {
  const rest: Lot[] = [];
  const allocations: Allocation[] = [];
  let wanted = points;
  for (const lot of lots) {
    if (wanted === 0) {
      rest.push(lot);
      continue;
    }
    const taken = Math.min(wanted, lot.remaining);
    wanted -= taken;
    allocations.push({ entryId: lot.entryId, points: taken });
    if (taken < lot.remaining) rest.push({ ...lot, remaining: lot.remaining - taken });
  }
  return { lots: rest, allocations, uncovered: wanted };
}

/** Splits the lots into those expired at `now` (ISO instant) and those still open. */
export function dueLots(lots: readonly Lot[], now: string): { due: Lot[]; open: Lot[] } {
  const due: Lot[] = [];
  const open: Lot[] = [];
  for (const lot of lots) (lot.expiresAt !== undefined && lot.expiresAt <= now ? due : open).push(lot);
  return { due, open };
}

/** The soonest expiry of the lots (they are kept sorted, so the first with one). */
export function nextExpiry(lots: readonly Lot[]): string | undefined {
  return lots[0]?.expiresAt;
}

/**
 * Trims the lots to hold at most `max(balance, 0)` points, taking the excess in redemption
 * order: what a reversal takes back beyond its own lot, or a refund into a negative balance.
 */
export function settle(lots: readonly Lot[], balance: number): { lots: Lot[]; allocations: Allocation[] } {
  const excess = lotTotal(lots) - Math.max(balance, 0);
  if (excess <= 0) return { lots: [...lots], allocations: [] };
  const taken = consume(lots, excess);
  return { lots: taken.lots, allocations: taken.allocations };
}
