import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { NPS_RESPONSES, NPS_SCORE } from './metrics.js';
import { answer, npsKernel } from './test-support.js';

const APRIL = { from: Date.parse('2026-04-01T00:00:00Z'), to: Date.parse('2026-05-01T00:00:00Z') };

describe('the NPS metric', () => {
  let t: TestKernel;
  afterEach(() => t.stop());

  it('is % promoters − % detractors of the answers given in the period', async () => {
    t = await npsKernel();
    await answer(t, [
      [10, '2026-04-01T00:00:00.000Z'], // the first instant of the period counts
      [9, '2026-04-02T10:00:00.000Z'],
      [9, '2026-04-03T10:00:00.000Z'],
      [8, '2026-04-04T10:00:00.000Z'],
      [6, '2026-04-05T10:00:00.000Z'],
      [0, '2026-04-06T10:00:00.000Z'],
      [0, '2026-03-31T23:59:59.999Z'], // before the period
    ]);
    const compute = (id: string) => t.kernel.metrics.compute(id, APRIL, { actor: t.admin });
    expect((await compute(NPS_SCORE)).value).toBe(17); // (3 promoters − 2 detractors) of 6 answers
    expect((await compute(NPS_RESPONSES)).value).toBe(6);
  });

  it('is null for a period without answers, and reads as the caller', async () => {
    t = await npsKernel();
    expect((await t.kernel.metrics.compute(NPS_SCORE, APRIL, { actor: t.admin })).value).toBeNull();
    await answer(t, [[3, '2026-04-02T10:00:00.000Z']]);
    expect((await t.kernel.metrics.compute(NPS_SCORE, APRIL, { actor: t.admin })).value).toBe(-100);
  });
});
