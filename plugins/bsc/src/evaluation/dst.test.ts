import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { BSC } from '../service.js';
import { bootBsc, kpi, objective, scorecard } from '../test-support/boot.js';
import type { Sale } from '../test-support/shop-plugin.js';

let t: TestKernel;
afterEach(() => t.stop());

describe('period bounds across daylight-saving changes', () => {
  it('counts a month of the fall-back change from local midnight to local midnight (Berlin, October 2026)', async () => {
    t = await bootBsc({ now: '2026-11-15T10:00:00.000Z' });
    const sales: Sale[] = [
      { amount: 1, at: '2026-09-30T21:30:00Z' }, // 23:30 CEST 30 Sep: September
      { amount: 10, at: '2026-09-30T22:30:00Z' }, // 00:30 CEST 1 Oct: October
      { amount: 100, at: '2026-10-25T00:30:00Z' }, // 02:30 CEST, the night the clocks go back: October
      { amount: 1000, at: '2026-10-31T22:30:00Z' }, // 23:30 CET 31 Oct: October
      { amount: 10000, at: '2026-10-31T23:30:00Z' }, // 00:30 CET 1 Nov: November
    ];
    for (const sale of sales) await t.data<Sale>('sale').create(sale);
    const card = await scorecard(t, { timeZone: 'Europe/Berlin' });
    const goal = await objective(t, card.id, { name: 'Grow', perspective: 'financial' });
    await kpi(t, goal.id, {
      name: 'Revenue',
      source: 'metric',
      metric: 'shop.revenue',
      target: 1000,
      direction: 'higher',
    });
    const evaluate = (period: string) =>
      t.kernel.resolve(BSC).evaluate({ scorecardId: card.id, period, actor: t.admin, history: 1 });
    const october = await evaluate('2026-10');
    expect(october.period).toMatchObject({
      from: '2026-09-30T22:00:00.000Z',
      to: '2026-10-31T23:00:00.000Z',
    });
    const revenue = october.perspectives[0]?.objectives[0]?.kpis[0];
    expect(revenue).toMatchObject({ actual: 1110, trend: { previous: [{ period: '2026-09', actual: 1 }] } });
    const november = await evaluate('2026-11');
    expect(november.perspectives[0]?.objectives[0]?.kpis[0]?.actual).toBe(10000);
  });

  it('takes quarters in a zone west of UTC across the spring-forward change (New York, Q1 2026)', async () => {
    t = await bootBsc({ now: '2026-05-15T10:00:00.000Z' });
    await t.data<Sale>('sale').create({ amount: 5, at: '2026-04-01T03:30:00Z' }); // 23:30 EDT 31 Mar: Q1
    await t.data<Sale>('sale').create({ amount: 7, at: '2026-04-01T04:30:00Z' }); // 00:30 EDT 1 Apr: Q2
    const card = await scorecard(t, { timeZone: 'America/New_York', periodKind: 'quarter' });
    const goal = await objective(t, card.id, { name: 'Grow', perspective: 'financial' });
    await kpi(t, goal.id, {
      name: 'Revenue',
      source: 'metric',
      metric: 'shop.revenue',
      target: 10,
      direction: 'higher',
    });
    const q1 = await t.kernel
      .resolve(BSC)
      .evaluate({ scorecardId: card.id, period: '2026-Q1', actor: t.admin });
    expect(q1.period).toMatchObject({ from: '2026-01-01T05:00:00.000Z', to: '2026-04-01T04:00:00.000Z' });
    expect(q1.perspectives[0]?.objectives[0]?.kpis[0]?.actual).toBe(5);
  });
});
