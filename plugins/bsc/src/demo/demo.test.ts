import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { BSC } from '../service.js';
import { bootBsc } from '../test-support/boot.js';
import { seedDemoBsc } from './seed-demo.js';

let t: TestKernel;
afterEach(() => t.stop());

describe('the demo scorecard', () => {
  it('lays out a customer-intimacy scorecard with readings, initiatives and a year of closed months, once', async () => {
    t = await bootBsc();
    const report = await seedDemoBsc(t.kernel);
    expect(report).toMatchObject({ skipped: false, objectives: 9, readings: 3 * 13, closed: 12 });
    expect(await t.data('bscPeriodClose').count()).toBe(12);
    expect(await t.data('bscInitiative').count()).toBe(3);
    const evaluation = await t.kernel
      .resolve(BSC)
      .evaluate({ scorecardId: report.scorecardId as string, period: '2026-04', actor: t.admin });
    expect(evaluation.period.closed).toBe(true);
    const learning = evaluation.perspectives[3];
    expect(learning?.score).not.toBeNull();
    expect((await seedDemoBsc(t.kernel)).skipped).toBe(true);
  });
});
