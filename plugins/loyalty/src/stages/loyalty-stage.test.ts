import { describe, expect, it } from 'vitest';
import { stageOf } from './loyalty-stage.js';

describe('stageOf', () => {
  it('climbs suspicion → expectation → first purchase → repeat purchase → advocate', () => {
    expect(stageOf({ entries: 0, purchases: 0, referralsBought: 0 })).toBe('suspicion');
    expect(stageOf({ entries: 1, purchases: 0, referralsBought: 0 })).toBe('expectation');
    expect(stageOf({ entries: 1, purchases: 1, referralsBought: 0 })).toBe('first-purchase');
    expect(stageOf({ entries: 5, purchases: 2, referralsBought: 0 })).toBe('repeat-purchase');
    expect(stageOf({ entries: 5, purchases: 1, referralsBought: 1 })).toBe('advocate');
    // a referral who bought does not make an advocate of someone who never bought
    expect(stageOf({ entries: 0, purchases: 0, referralsBought: 3 })).toBe('suspicion');
  });
});
