import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Lot } from '../entities/member.js';
import { addLot, consume, dueLots, lotTotal } from './lots.js';

const DAYS = ['2027-01-01T00:00:00.000Z', '2027-02-01T00:00:00.000Z', '2027-03-01T00:00:00.000Z', undefined];
const lotArb = fc.record({
  remaining: fc.integer({ min: 1, max: 1_000 }),
  expiry: fc.constantFrom(...DAYS),
});

/** Builds lots in posting order, as the ledger does. */
const build = (drafts: { remaining: number; expiry: string | undefined }[]): Lot[] =>
  drafts.reduce<Lot[]>(
    (lots, draft, i) =>
      addLot(lots, {
        entryId: `e${i}`,
        remaining: draft.remaining,
        ...(draft.expiry ? { expiresAt: draft.expiry } : {}),
      }),
    [],
  );

const rank = (lot: Lot) => lot.expiresAt ?? '9999';
const index = (lot: Lot) => Number(lot.entryId.slice(1));

describe('lots', () => {
  it('stay sorted: soonest expiry first, never-expiring last, older first among equals', () => {
    fc.assert(
      fc.property(fc.array(lotArb, { maxLength: 30 }), (drafts) => {
        const lots = build(drafts);
        for (let i = 1; i < lots.length; i += 1) {
          const [a, b] = [lots[i - 1] as Lot, lots[i] as Lot];
          expect(rank(a) < rank(b) || (rank(a) === rank(b) && index(a) < index(b))).toBe(true);
        }
      }),
    );
  });

  it('consumption is exact and FIFO: it takes from the first lots, never leaves a lot at zero or below', () => {
    fc.assert(
      fc.property(fc.array(lotArb, { minLength: 1, maxLength: 30 }), fc.nat(), (drafts, seed) => {
        const lots = build(drafts);
        const total = lotTotal(lots);
        const points = (seed % total) + 1;
        const taken = consume(lots, points);
        expect(taken.uncovered).toBe(0);
        expect(taken.allocations.reduce((s, a) => s + a.points, 0)).toBe(points);
        expect(lotTotal(taken.lots)).toBe(total - points);
        for (const lot of taken.lots) expect(lot.remaining).toBeGreaterThan(0);
        // every lot fully taken comes before the one partly taken, which comes before untouched ones
        const touched = taken.allocations.map((a) => a.entryId);
        expect(touched).toEqual(lots.slice(0, touched.length).map((l) => l.entryId));
        for (const a of taken.allocations.slice(0, -1)) {
          expect(a.points).toBe(lots.find((l) => l.entryId === a.entryId)?.remaining);
        }
      }),
    );
  });

  it('due lots are exactly those expired at the instant; the rest stay in order', () => {
    fc.assert(
      fc.property(
        fc.array(lotArb, { maxLength: 30 }),
        fc.constantFrom(...DAYS.slice(0, 3)),
        (drafts, now) => {
          const lots = build(drafts);
          const { due, open } = dueLots(lots, now as string);
          expect(lotTotal(due) + lotTotal(open)).toBe(lotTotal(lots));
          for (const lot of due) expect((lot.expiresAt as string) <= (now as string)).toBe(true);
          for (const lot of open)
            expect(lot.expiresAt === undefined || lot.expiresAt > (now as string)).toBe(true);
          expect([...due, ...open]).toEqual(lots);
        },
      ),
    );
  });
});
