import { ConflictError } from '@rapport/core';
import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Kpi } from '../entities/kpi.js';
import type { Reading } from '../entities/reading.js';
import { BSC } from '../service.js';
import { bootBsc, kpi, objective, scorecard } from '../test-support/boot.js';
import type { Sale } from '../test-support/shop-plugin.js';

let t: TestKernel;
afterEach(() => t.stop());

async function seed(now = '2026-05-15T10:00:00.000Z') {
  t = await bootBsc({ now });
  await t.data<Sale>('sale').create({ amount: 800, at: '2026-04-10T09:00:00Z' });
  const card = await scorecard(t, { timeZone: 'Europe/Berlin' });
  const goal = await objective(t, card.id, { name: 'Grow', perspective: 'financial' });
  const revenue = await kpi(t, goal.id, {
    name: 'Revenue',
    source: 'metric',
    metric: 'shop.revenue',
    target: 1000,
    redAt: 60,
    direction: 'higher',
  });
  const skills = await objective(t, card.id, { name: 'Skills', perspective: 'learningGrowth' });
  const hours = await kpi(t, skills.id, { name: 'Hours', source: 'manual', target: 10, direction: 'higher' });
  await t
    .data<Reading>('bscReading')
    .create({ kpiId: hours.id, period: '2026-04', kind: 'manual', value: 9 });
  return { card, revenue, hours };
}

describe('period close', () => {
  it('freezes the period: data changed after the close does not change it', async () => {
    const { card, revenue, hours } = await seed();
    const bsc = t.kernel.resolve(BSC);
    const live = await bsc.evaluate({ scorecardId: card.id, period: '2026-04', actor: t.admin });
    // 800 of 1000, red at 600: 0.5; 9 of 10, red at 8: 0.5
    expect(live.score).toBe(0.5);
    const { close, closedNow } = await bsc.close({ scorecardId: card.id, period: '2026-04', actor: t.admin });
    expect(closedNow).toBe(true);
    expect(close.score).toBe(0.5);

    await t.data<Sale>('sale').create({ amount: 5000, at: '2026-04-11T09:00:00Z' });
    await t.data<Kpi>('bscKpi').update(revenue.id, { target: 100 });
    const manual = (await t.data<Reading>('bscReading').find({ where: { kpiId: hours.id, kind: 'manual' } }))
      .items[0];
    await expect(t.data<Reading>('bscReading').update(manual?.id as string, { value: 10 })).rejects.toThrow(
      "period 2026-04 of scorecard 'Company' is closed",
    );
    await expect(t.data<Reading>('bscReading').delete(manual?.id as string)).rejects.toBeInstanceOf(
      ConflictError,
    );

    const after = await bsc.evaluate({ scorecardId: card.id, period: '2026-04', actor: t.admin });
    expect(after.period).toMatchObject({ closed: true, closedAt: '2026-05-15T10:00:00.000Z' });
    expect({ ...after, period: { ...after.period, closed: false, closedAt: undefined } }).toEqual({
      ...live,
      period: { ...live.period, closedAt: undefined },
    });
    // the next period's trend reads the snapshot, not the changed data
    const may = await bsc.evaluate({ scorecardId: card.id, period: '2026-05', actor: t.admin, history: 1 });
    expect(may.perspectives[0]?.objectives[0]?.kpis[0]?.trend.previous).toEqual([
      { period: '2026-04', actual: 800 },
    ]);
    // one snapshot per KPI, written by the plugin
    const snapshots = await t
      .data<Reading>('bscReading')
      .find({ where: { kind: 'snapshot' }, sort: ['kpiId'] });
    expect(snapshots.items.map((r) => [r.period, r.value, r.target, r.status])).toEqual(
      expect.arrayContaining([
        ['2026-04', 800, 1000, 'amber'],
        ['2026-04', 9, 10, 'amber'],
      ]),
    );
    await expect(
      t.data<Reading>('bscReading').update(snapshots.items[0]?.id as string, { value: 1 }),
    ).rejects.toThrow('snapshot readings are taken by the period close only');
    await expect(t.data<Kpi>('bscKpi').delete(revenue.id)).rejects.toThrow(
      'deactivate it instead (active: false)',
    );
    await t.data<Kpi>('bscKpi').update(revenue.id, { active: false });
    const without = await bsc.evaluate({
      scorecardId: card.id,
      period: '2026-05',
      actor: t.admin,
      history: 0,
    });
    expect(without.perspectives[0]?.objectives[0]?.kpis).toEqual([]);
  });

  it('is harmless to re-run, and refuses a period that has not ended', async () => {
    const { card } = await seed();
    const bsc = t.kernel.resolve(BSC);
    const first = await bsc.close({ scorecardId: card.id, period: '2026-04' });
    const again = await bsc.close({ scorecardId: card.id, period: '2026-04' });
    expect(again).toMatchObject({ closedNow: false, close: { id: first.close.id } });
    expect(await t.data('bscPeriodClose').count()).toBe(1);
    expect(await t.data('bscReading').count({ kind: 'snapshot' })).toBe(2);
    const open = await bsc.close({ scorecardId: card.id, period: '2026-05' }).catch((e: unknown) => e);
    expect(open).toBeInstanceOf(ConflictError);
    expect((open as Error).message).toBe(
      "period 2026-05 of scorecard 'Company' ends at 2026-05-31T22:00:00.000Z; it can be closed from then on",
    );
    await expect(
      t.data('bscPeriodClose').create({
        scorecardId: card.id,
        period: '2026-03',
        closedAt: '2026-04-01T00:00:00Z',
        evaluation: {},
      }),
    ).rejects.toThrow('period closes are written by the BSC plugin only');
    await expect(
      bsc.close({ scorecardId: card.id, period: '2026-03', actor: t.actor(['kpiContributor']) }),
    ).rejects.toThrow(/scorecard:update|scorecard.*update/);
  });

  it("is closed by the calendar job at the period's end in each scorecard's zone", async () => {
    const { card } = await seed('2026-05-31T21:50:00.000Z'); // 23:50 in Berlin
    const york = await scorecard(t, { name: 'New York', timeZone: 'America/New_York' });
    const closed = async () =>
      (
        await t.data<{ scorecardId: string; period: string }>('bscPeriodClose').find({ sort: ['createdAt'] })
      ).items.map(
        (c) =>
          `${c.scorecardId === card.id ? 'berlin' : c.scorecardId === york.id ? 'york' : '?'} ${c.period}`,
      );
    await t.kernel.jobs.runDue(); // the scheduler first sees the job (in a deployment: at start)
    expect(await closed()).toEqual([]);
    await t.advance('15m'); // 22:05 UTC: past midnight in Berlin, 18:05 in New York
    expect(await closed()).toEqual(['berlin 2026-05']);
    await t.advance('5h'); // 03:05 UTC: 23:05 in New York
    expect(await closed()).toEqual(['berlin 2026-05']);
    await t.advance('1h'); // 04:05 UTC: past midnight in New York
    expect(await closed()).toEqual(['berlin 2026-05', 'york 2026-05']);
    await t.advance('1d');
    expect(await t.data('bscPeriodClose').count()).toBe(2);
  });
});
