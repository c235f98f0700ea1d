import { ValidationError } from '@rapport/core';
import type { TestKernel } from '@rapport/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootBsc, kpi, link, objective, scorecard } from '../test-support/boot.js';
import type { Kpi } from './kpi.js';
import type { Reading } from './reading.js';

let t: TestKernel;
beforeEach(async () => {
  t = await bootBsc();
});
afterEach(() => t.stop());

async function refusal(write: Promise<unknown>): Promise<{ message: string; path?: string; rule?: string }> {
  const error = await write.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  const first = (error as ValidationError).errors[0];
  return { message: (error as Error).message, path: first?.path, rule: first?.rule };
}

describe('scorecard entities', () => {
  it('refuses an unknown time zone, naming the field', async () => {
    const { message, path } = await refusal(scorecard(t, { timeZone: 'Mars/Olympus' }));
    expect(path).toBe('timeZone');
    expect(message).toContain("'Mars/Olympus' is not an IANA time zone");
  });

  it('needs the CRM process on internal-process objectives and refuses it elsewhere', async () => {
    const card = await scorecard(t);
    expect((await refusal(objective(t, card.id, { name: 'Win', perspective: 'internalProcess' }))).path).toBe(
      'process',
    );
    expect(
      (await refusal(objective(t, card.id, { name: 'Grow', perspective: 'financial', process: 'retention' })))
        .message,
    ).toContain('belongs to internal-process objectives only');
    const ok = await objective(t, card.id, {
      name: 'Keep',
      perspective: 'internalProcess',
      process: 'retention',
    });
    expect(ok.weight).toBe(1);
    expect((await refusal(objective(t, 'nope', { name: 'X', perspective: 'customer' }))).path).toBe(
      'scorecardId',
    );
  });

  it('checks a KPI: its metric, thresholds in the good direction, and period targets of the scorecard kind', async () => {
    const card = await scorecard(t, { periodKind: 'quarter' });
    const goal = await objective(t, card.id, { name: 'Grow', perspective: 'financial' });
    expect(
      (await refusal(kpi(t, goal.id, { name: 'R', source: 'metric', target: 1, direction: 'higher' }))).path,
    ).toBe('metric');
    const low = await refusal(
      kpi(t, goal.id, {
        name: 'C',
        source: 'manual',
        target: 5,
        direction: 'lower',
        greenAt: 100,
        redAt: 90,
      }),
    );
    expect(low).toMatchObject({ path: 'redAt', rule: 'bsc.thresholds' });
    expect(low.message).toContain('must be above greenAt (100) when lower is better, got 90');
    const period = await refusal(
      kpi(t, goal.id, {
        name: 'R',
        source: 'metric',
        metric: 'shop.revenue',
        target: 1,
        direction: 'higher',
        targets: [{ period: '2026-03', value: 2 }],
      }),
    );
    expect(period).toMatchObject({ path: 'targets/0/period' });
    expect(period.message).toContain("must be a quarter like '2026-Q1', got '2026-03'");
    const made = await kpi(t, goal.id, {
      name: 'Revenue',
      source: 'metric',
      metric: 'sales.revenue', // not installed: accepted, reads "no data"
      target: 1000,
      direction: 'higher',
    });
    expect(made).toMatchObject({ weight: 1, active: true, greenAt: 100 });
    expect((await refusal(t.data<Kpi>('bscKpi').update(made.id, { source: 'manual' }))).path).toBe('metric');
  });

  it('refuses a causal link that would close a cycle, naming the path', async () => {
    const card = await scorecard(t);
    const a = await objective(t, card.id, { name: 'Staff skills', perspective: 'learningGrowth' });
    const b = await objective(t, card.id, {
      name: 'Service quality',
      perspective: 'internalProcess',
      process: 'retention',
    });
    const c = await objective(t, card.id, { name: 'Loyal customers', perspective: 'customer' });
    await link(t, a.id, b.id);
    const bc = await link(t, b.id, c.id);
    expect(bc.scorecardId).toBe(card.id);
    const cycle = await refusal(link(t, c.id, a.id));
    expect(cycle).toMatchObject({ path: 'toId', rule: 'bsc.cycle' });
    expect(cycle.message).toContain(
      'would close the cycle Loyal customers → Staff skills → Service quality → Loyal customers',
    );
    expect((await refusal(link(t, a.id, a.id))).rule).toBe('bsc.cycle');
    const other = await scorecard(t, { name: 'Other' });
    const d = await objective(t, other.id, { name: 'Elsewhere', perspective: 'customer' });
    expect((await refusal(link(t, a.id, d.id))).rule).toBe('bsc.sameScorecard');
    expect(await t.data('bscLink').count()).toBe(2); // nothing partial left
  });

  it('takes manual readings of manual KPIs only, recording who entered them', async () => {
    const card = await scorecard(t);
    const goal = await objective(t, card.id, { name: 'Skills', perspective: 'learningGrowth' });
    const hours = await kpi(t, goal.id, {
      name: 'Training hours',
      source: 'manual',
      target: 10,
      direction: 'higher',
    });
    const live = await kpi(t, goal.id, {
      name: 'R',
      source: 'metric',
      metric: 'shop.revenue',
      target: 1,
      direction: 'higher',
    });
    const manager = t.actor(['strategyManager'], undefined, 'ana');
    const reading = await t
      .data<Reading>('bscReading', manager)
      .create({ kpiId: hours.id, period: '2026-04', kind: 'manual', value: 12, comment: 'HR report' });
    expect(reading.enteredBy).toBe('ana');
    expect(
      (
        await refusal(
          t
            .data<Reading>('bscReading')
            .create({ kpiId: live.id, period: '2026-04', kind: 'manual', value: 1 }),
        )
      ).rule,
    ).toBe('bsc.manual');
    expect(
      (
        await refusal(
          t
            .data<Reading>('bscReading')
            .create({ kpiId: hours.id, period: '2026-Q2', kind: 'manual', value: 1 }),
        )
      ).message,
    ).toContain("must be a month like '2026-03'");
    expect(
      (
        await refusal(
          t
            .data<Reading>('bscReading')
            .create({ kpiId: hours.id, period: '2026-05', kind: 'snapshot', value: 1 }),
        )
      ).rule,
    ).toBe('bsc.snapshot');
  });
});
