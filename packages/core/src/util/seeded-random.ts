/** A seeded pseudo-random source: the same seed gives the same sequence on every machine. */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** One item, by weight (`[['a', 3], ['b', 1]]`: `a` three times as often). */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** A few distinct items of a list (between `min` and `max` of them). */
  some<T>(items: readonly T[], min: number, max: number): T[];
  /** A standard normal deviate (Box–Muller). */
  normal(): number;
}

/** Mixes a seed and an index into one 32-bit seed, so record `i` is the same whatever the count. */
export function mixSeed(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A {@link SeededRandom} over mulberry32 (small, fast, good enough for demo data; never for
 * secrets), so every plugin's demo-data generator is deterministic the same way.
 *
 * @example
 * ```ts
 * const random = createSeededRandom(mixSeed(seed, i));
 * const stage = random.weighted([['won', 1], ['lost', 2]]);
 * ```
 */
export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const random: SeededRandom = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    weighted(items) {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let roll = next() * total;
      for (const [item, weight] of items) {
        roll -= weight;
        if (roll < 0) return item;
      }
      return (items[items.length - 1] as (typeof items)[number])[0];
    },
    chance: (p) => next() < p,
    some(items, min, max) {
      const pool = [...items];
      const n = Math.min(pool.length, random.int(min, max));
      const out: (typeof items)[number][] = [];
      for (let i = 0; i < n; i += 1) {
        out.push(pool.splice(Math.floor(next() * pool.length), 1)[0] as (typeof items)[number]);
      }
      return out;
    },
    normal() {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
  return random;
}
