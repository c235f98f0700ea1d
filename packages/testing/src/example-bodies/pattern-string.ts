import * as randexpModule from 'randexp';

type RandExpInstance = { max: number; randInt(a: number, b: number): number; gen(): string };
type RandExpClass = new (pattern: string) => RandExpInstance;
// randexp is CommonJS (`module.exports = RandExp`, with a `default` beside it for TypeScript).
const module = randexpModule as unknown as { default: RandExpClass | { default: RandExpClass } };
const RandExp = ('default' in module.default ? module.default.default : module.default) as RandExpClass;

/** The longest a `*` or `+` repeats in a generated string: short examples read better. */
const MAX_REPEAT = 8;

/**
 * A string matching the ECMAScript `pattern` (a JSON Schema `pattern`), chosen by `seed`: the same
 * seed gives the same string, different seeds usually different ones (a small linear congruential
 * generator drives randexp, so runs are reproducible).
 */
export function stringMatching(pattern: string, seed: number): string {
  const generator = new RandExp(pattern);
  generator.max = MAX_REPEAT;
  let state = (seed * 2_654_435_761 + 1) >>> 0;
  generator.randInt = (from, to) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return from + (state % (to - from + 1));
  };
  return generator.gen();
}
