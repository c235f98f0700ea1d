import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Kpi } from '../entities/kpi.js';
import { SCORE_METRIC } from '../rules/kpi-rules.js';
import { BSC } from '../service.js';
import { bootBsc, kpi, objective, scorecard } from '../test-support/boot.js';
import type { Sale } from '../test-support/shop-plugin.js';

let t: TestKernel;
afterEach(() => t.stop());

describe('the bsc.score roll-up metric', () => {
  it("lets a company scorecard bind a department's overall score, and stops a roll-up that reads itself", async () => {
    t = await bootBsc();
    await t.data<Sale>('sale').create({ amount: 900, at: '2026-04-10T09:00:00Z' });
    const department = await scorecard(t, { name: 'Sales department' });
    const grow = await objective(t, department.id, { name: 'Grow', perspective: 'financial' });
    await kpi(t, grow.id, {
      name: 'Revenue',
      source: 'metric',
      metric: 'shop.revenue',
      target: 1000,
      redAt: 80,
      direction: 'higher',
    });
    // 900 of 1000, red at 800: 0.5
    const april = { from: Date.parse('2026-03-31T22:00:00Z'), to: Date.parse('2026-04-30T22:00:00Z') };
    const direct = await t.kernel.metrics.compute(SCORE_METRIC, april, {
      actor: t.admin,
      params: { scorecard: department.id },
    });
    expect(direct.value).toBe(0.5);

    const company = await scorecard(t, { name: 'Company' });
    const depts = await objective(t, company.id, { name: 'Departments deliver', perspective: 'financial' });
    const rollUp = await kpi(t, depts.id, {
      name: 'Sales department score',
      source: 'metric',
      metric: SCORE_METRIC,
      params: { scorecard: department.id },
      target: 1,
      greenAt: 80,
      redAt: 40,
      direction: 'higher',
    });
    const evaluation = await t.kernel
      .resolve(BSC)
      .evaluate({ scorecardId: company.id, period: '2026-04', actor: t.admin, history: 0 });
    // green at 0.8, red at 0.4: (0.5 − 0.4) / 0.4
    expect(evaluation.perspectives[0]?.objectives[0]?.kpis[0]).toMatchObject({
      actual: 0.5,
      score: 0.25,
      status: 'amber',
    });

    await expect(
      t.data<Kpi>('bscKpi').update(rollUp.id, { params: { scorecard: company.id } }),
    ).rejects.toThrow("cannot bind the scorecard's own score");
    const back = await objective(t, department.id, { name: 'Company does well', perspective: 'customer' });
    await kpi(t, back.id, {
      name: 'Company score',
      source: 'metric',
      metric: SCORE_METRIC,
      params: { scorecard: company.id },
      target: 1,
      greenAt: 80,
      redAt: 40,
      direction: 'higher',
    });
    // a cycle of roll-ups ends where a scorecard would read itself, instead of recursing
    const cycle = await t.kernel
      .resolve(BSC)
      .evaluate({ scorecardId: company.id, period: '2026-04', actor: t.admin, history: 0 });
    expect(cycle.perspectives[0]?.objectives[0]?.kpis[0]).toMatchObject({ actual: 0.5, status: 'amber' });
    const fromBelow = await t.kernel
      .resolve(BSC)
      .evaluate({ scorecardId: department.id, period: '2026-04', actor: t.admin, history: 0 });
    expect(fromBelow.perspectives[1]?.objectives[0]?.kpis[0]).toMatchObject({
      status: 'noData',
      noData: { code: 'noValue' }, // the company's only KPI (this department) stopped at the cycle
    });
    expect(fromBelow.score).toBe(0.5);
  });
});
