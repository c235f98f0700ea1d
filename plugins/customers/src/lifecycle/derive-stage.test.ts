import { describe, expect, it } from 'vitest';
import type { LifecycleOptions } from '../options.js';
import { deriveStage, isWinBack, type LifecycleFacts } from './derive-stage.js';

const OPTIONS: LifecycleOptions = {
  newForDays: 30,
  atRiskAfterDays: 90,
  churnAfterDays: 180,
  loyalAfterPurchases: 5,
  activityFromInteractions: false,
};
const NOW = Date.parse('2026-06-30T00:00:00Z');
const daysAgo = (days: number) => new Date(NOW - days * 86_400_000).toISOString();
const stage = (facts: Partial<LifecycleFacts>) =>
  deriveStage({ purchases: 0, tenurePurchases: 0, ...facts }, NOW, OPTIONS);

describe('deriveStage', () => {
  it('walks prospect → new → active → loyal', () => {
    expect(stage({})).toBe('prospect');
    expect(
      stage({ purchases: 1, tenurePurchases: 1, tenureStartAt: daysAgo(3), lastActivityAt: daysAgo(3) }),
    ).toBe('new');
    expect(
      stage({ purchases: 1, tenurePurchases: 1, tenureStartAt: daysAgo(40), lastActivityAt: daysAgo(40) }),
    ).toBe('active');
    expect(
      stage({ purchases: 2, tenurePurchases: 2, tenureStartAt: daysAgo(10), lastActivityAt: daysAgo(1) }),
    ).toBe('active');
    expect(
      stage({ purchases: 5, tenurePurchases: 5, tenureStartAt: daysAgo(200), lastActivityAt: daysAgo(1) }),
    ).toBe('loyal');
  });

  it('marks idle customers at-risk, then churned, at the thresholds', () => {
    const facts = { purchases: 6, tenurePurchases: 6, tenureStartAt: daysAgo(400) };
    expect(stage({ ...facts, lastActivityAt: daysAgo(89.9) })).toBe('loyal');
    expect(stage({ ...facts, lastActivityAt: daysAgo(90) })).toBe('at-risk');
    expect(stage({ ...facts, lastActivityAt: daysAgo(179.9) })).toBe('at-risk');
    expect(stage({ ...facts, lastActivityAt: daysAgo(180) })).toBe('churned');
  });

  it('keeps a won-back customer won-back until they buy again', () => {
    const back = {
      purchases: 7,
      wonBackAt: daysAgo(2),
      tenureStartAt: daysAgo(2),
      lastActivityAt: daysAgo(2),
    };
    expect(stage({ ...back, tenurePurchases: 1 })).toBe('won-back');
    expect(stage({ ...back, tenurePurchases: 2 })).toBe('active');
    expect(stage({ ...back, tenurePurchases: 1, lastActivityAt: daysAgo(95) })).toBe('at-risk');
  });
});

describe('isWinBack', () => {
  it('is a purchase after a gap of at least churnAfterDays', () => {
    expect(isWinBack(undefined, daysAgo(0), OPTIONS)).toBe(false);
    expect(isWinBack(daysAgo(179), daysAgo(0), OPTIONS)).toBe(false);
    expect(isWinBack(daysAgo(180), daysAgo(0), OPTIONS)).toBe(true);
  });
});
