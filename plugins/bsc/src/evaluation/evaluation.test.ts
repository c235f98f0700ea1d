import { definePlugin } from '@rapport/core';
import type { TestKernel } from '@rapport/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BSC_ENTITIES } from '../access.js';
import type { Reading } from '../entities/reading.js';
import type { ScorecardRecord } from '../entities/scorecard.js';
import { BSC } from '../service.js';
import { bootBsc, kpi, objective, scorecard } from '../test-support/boot.js';
import type { Sale } from '../test-support/shop-plugin.js';
import type { Evaluation, KpiEvaluation } from './evaluation-types.js';

let t: TestKernel;
let card: ScorecardRecord;
const readers = definePlugin({
  id: 'readers',
  version: '0.0.0',
  register(ctx) {
    ctx.access.grant(
      'scoreReader',
      BSC_ENTITIES.map((entity) => `${entity}:read`),
    );
  },
});

beforeEach(async () => {
  t = await bootBsc({ plugins: [readers()] }); // now: 15 May 2026
  const sales: Sale[] = [
    { amount: 1600, at: '2026-03-10T09:00:00Z' },
    { amount: 200, at: '2026-03-31T22:30:00Z' }, // 00:30 on 1 April in Berlin: April
    { amount: 1000, at: '2026-04-03T09:00:00Z' },
    { amount: 500, at: '2026-04-20T09:00:00Z', returned: true },
    { amount: 300, at: '2026-04-30T21:30:00Z' }, // 23:30 on 30 April in Berlin: April
    { amount: 700, at: '2026-04-30T22:30:00Z' }, // 00:30 on 1 May in Berlin: May
    { amount: 400, at: '2026-05-10T09:00:00Z' },
  ];
  for (const sale of sales) await t.data<Sale>('sale').create(sale);
  card = await scorecard(t, { name: 'Shop', timeZone: 'Europe/Berlin', periodKind: 'month' });
  const grow = await objective(t, card.id, { name: 'Grow revenue', perspective: 'financial', weight: 2 });
  await kpi(t, grow.id, {
    name: 'Revenue',
    source: 'metric',
    metric: 'shop.revenue',
    target: 2500,
    greenAt: 100,
    redAt: 60,
    direction: 'higher',
    unit: 'EUR',
  });
  await kpi(t, grow.id, {
    name: 'Sales revenue',
    source: 'metric',
    metric: 'sales.revenue',
    target: 1,
    direction: 'higher',
  });
  const happy = await objective(t, card.id, { name: 'Keep customers happy', perspective: 'customer' });
  await kpi(t, happy.id, {
    name: 'Return rate',
    source: 'metric',
    metric: 'shop.returnRate',
    target: 0.1,
    greenAt: 100,
    redAt: 300,
    direction: 'lower',
  });
  const fast = await objective(t, card.id, {
    name: 'Fast service',
    perspective: 'internalProcess',
    process: 'retention',
  });
  await kpi(t, fast.id, {
    name: 'Unknown',
    source: 'metric',
    metric: 'shop.unknown',
    target: 1,
    direction: 'higher',
  });
  const skills = await objective(t, card.id, { name: 'Skilled staff', perspective: 'learningGrowth' });
  const hours = await kpi(t, skills.id, {
    name: 'Training hours',
    source: 'manual',
    target: 10,
    targetRise: 1,
    targetFrom: '2026-01-01',
    greenAt: 100,
    redAt: 80,
    direction: 'higher',
  });
  await kpi(t, skills.id, { name: 'Staff satisfaction', source: 'manual', target: 4, direction: 'higher' });
  await t
    .data<Reading>('bscReading')
    .create({ kpiId: hours.id, period: '2026-04', kind: 'manual', value: 12 });
  await kpi(t, skills.id, {
    name: 'Retired',
    source: 'manual',
    target: 1,
    direction: 'higher',
    active: false,
  });
});
afterEach(() => t.stop());

const evaluate = (period?: string, history = 1): Promise<Evaluation> =>
  t.kernel
    .resolve(BSC)
    .evaluate({ scorecardId: card.id, actor: t.admin, history, ...(period ? { period } : {}) });

function kpiNamed(evaluation: Evaluation, name: string): KpiEvaluation {
  const all = evaluation.perspectives.flatMap((p) => p.objectives.flatMap((o) => o.kpis));
  const found = all.find((k) => k.name === name);
  if (!found) throw new Error(`no KPI ${name}`);
  return found;
}

describe('scorecard evaluation of an open period', () => {
  it('reads actuals live in the scorecard zone and scores them by the linear rule', async () => {
    const april = await evaluate('2026-04');
    expect(april.period).toMatchObject({
      key: '2026-04',
      from: '2026-03-31T22:00:00.000Z',
      to: '2026-04-30T22:00:00.000Z',
      closed: false,
    });
    // 200 + 1000 + 500 + 300 = 2000; green 2500, red 1500: (2000 − 1500) / 1000
    expect(kpiNamed(april, 'Revenue')).toMatchObject({
      actual: 2000,
      target: 2500,
      greenValue: 2500,
      redValue: 1500,
      score: 0.5,
      status: 'amber',
      share: 1,
      trend: { previous: [{ period: '2026-03', actual: 1600 }], change: 400, direction: 'improving' },
    });
    // lower is better: 1 of 4 returned = 0.25; green 0.1, red 0.3: (0.25 − 0.3) / (0.1 − 0.3)
    const returns = kpiNamed(april, 'Return rate');
    expect(returns).toMatchObject({ actual: 0.25, score: 0.25, status: 'amber' });
    expect(returns.trend).toMatchObject({ change: 0.25, direction: 'worsening' });
    // manual: target 10 + 1 × 3 periods since January = 13; green 13, red 10.4: (12 − 10.4) / 2.6
    expect(kpiNamed(april, 'Training hours')).toMatchObject({
      actual: 12,
      target: 13,
      score: 0.6154,
      status: 'amber',
    });
  });

  it('reads "no data" with the reason for a missing plugin, a missing metric and a missing reading, and leaves them out of the weights', async () => {
    const april = await evaluate('2026-04');
    expect(kpiNamed(april, 'Sales revenue')).toMatchObject({
      actual: null,
      score: null,
      status: 'noData',
      share: 0,
      noData: {
        code: 'pluginMissing',
        message: "plugin 'sales' is not installed, so metric 'sales.revenue' cannot be read",
      },
    });
    expect(kpiNamed(april, 'Unknown').noData).toEqual({
      code: 'metricMissing',
      message: "metric 'shop.unknown' is not defined by plugin 'shop'",
    });
    expect(kpiNamed(april, 'Staff satisfaction').noData).toEqual({
      code: 'noReading',
      message: 'no reading was entered for 2026-04',
    });
    const [financial, customer, process, learning] = april.perspectives;
    expect(financial).toMatchObject({ perspective: 'financial', score: 0.5, status: 'amber', share: 0.3333 });
    expect(customer).toMatchObject({ score: 0.25, status: 'red' });
    expect(process).toMatchObject({
      perspective: 'internalProcess',
      score: null,
      status: 'noData',
      share: 0,
    });
    expect(process?.objectives[0]).toMatchObject({
      name: 'Fast service',
      process: 'retention',
      status: 'noData',
    });
    expect(learning).toMatchObject({ score: 0.6154, status: 'amber' });
    // (0.5 + 0.25 + 0.6154) / 3
    expect(april.score).toBe(0.4551);
    expect(april.status).toBe('amber');
    // the inactive KPI is not evaluated
    expect(() => kpiNamed(april, 'Retired')).toThrow();
  });

  it('answers an empty period with no data throughout, never zeros', async () => {
    const february = await evaluate('2026-02', 0);
    expect(kpiNamed(february, 'Revenue')).toMatchObject({
      actual: null,
      status: 'noData',
      noData: { code: 'noValue', message: "metric 'shop.revenue' has no data for 2026-02" },
      trend: { previous: [], direction: 'unknown' },
    });
    expect(february.score).toBeNull();
    expect(february.status).toBe('noData');
  });

  it('evaluates the current period by default and refuses a period of another kind', async () => {
    const may = await evaluate();
    expect(may.period.key).toBe('2026-05');
    expect(kpiNamed(may, 'Revenue').actual).toBe(1100);
    await expect(evaluate('2026-Q2')).rejects.toThrow("must be a month like '2026-03', got '2026-Q2'");
  });

  it('computes a metric KPI as the caller: without metric:read it reads "no data" (forbidden), manual KPIs still count', async () => {
    const reader = t.actor(['scoreReader']);
    const april = await t.kernel
      .resolve(BSC)
      .evaluate({ scorecardId: card.id, period: '2026-04', actor: reader, history: 0 });
    expect(kpiNamed(april, 'Revenue')).toMatchObject({ status: 'noData', noData: { code: 'forbidden' } });
    expect(kpiNamed(april, 'Training hours').score).toBe(0.6154);
    expect(april.score).toBe(0.6154);
  });
});
