import { readFileSync } from 'node:fs';
import type { TestKernel } from '@rapport/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../entities/customer.js';
import { CUSTOMERS } from '../service.js';
import { bootCustomers } from '../test-support/boot.js';
import { CUSTOMER_VALUE } from '../value/value-recorder.js';
import type { HoldoutValidation } from './holdout-validation.js';

/**
 * The CDNOW proof end to end: every transaction of `test-data/cdnow/CDNOW_sample.txt` recorded
 * as a value record through the kernel (cents, stamped with its day), then the deployment's own
 * holdout validation with the papers' 39-week calibration (1997-01-01 to 1997-09-30) and the
 * 39 weeks after it. Transactions on one day are one purchase occasion, as in the papers.
 */
const within = (actual: number, published: number, share = 0.01) =>
  expect(Math.abs(actual - published) / Math.abs(published)).toBeLessThan(share);

describe('CDNOW through the kernel: value records in, the published fit out', () => {
  let t: TestKernel;
  let report: HoldoutValidation;

  beforeAll(async () => {
    t = await bootCustomers({ now: '1998-07-01T00:00:00.000Z', options: { currency: 'USD' } });
    const text = readFileSync(new URL('../../test-data/cdnow/CDNOW_sample.txt', import.meta.url), 'utf8');
    const customerOf = new Map<string, string>();
    const values = t.kernel.resolve(CUSTOMER_VALUE);
    const lines = text.trim().split('\n');
    for (const [n, line] of lines.entries()) {
      const [, sampleId, day, , dollars] = line.trim().split(/\s+/) as [
        string,
        string,
        string,
        string,
        string,
      ];
      let customerId = customerOf.get(sampleId);
      if (!customerId) {
        customerId = (
          await t.data<Customer>('customer').create({ kind: 'person', name: `CDNOW ${sampleId}` })
        ).id;
        customerOf.set(sampleId, customerId);
      }
      await values.record({
        customerId,
        amount: { amount: Math.round(Number(dollars) * 100), currency: 'USD' },
        at: `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T00:00:00.000Z`,
        source: 'cdnow',
        sourceId: `line-${n + 1}`,
      });
    }
    expect(customerOf.size).toBe(2357);
    report = await t.kernel
      .resolve(CUSTOMERS)
      .validateFutureValue(t.admin, { calibrationEnd: '1997-09-30', weeks: 39 });
  }, 600_000);
  afterAll(() => t?.stop());

  it('fits the published BG/NBD parameters and log-likelihood within 1%', () => {
    expect(report.error).toBeUndefined();
    expect(report).toMatchObject({ customers: 2357, repeatBuyers: 946 });
    const bg = report.bgNbd as NonNullable<HoldoutValidation['bgNbd']>;
    within(bg.params.r, 0.243);
    within(bg.params.alpha, 4.414);
    within(bg.params.a, 0.793);
    within(bg.params.b, 2.426);
    within(bg.logLikelihood, -9582.4);
  });

  it('fits the published Gamma-Gamma parameters within 1% (γ in cents: 100× the dollar figure)', () => {
    const gg = report.gammaGamma as NonNullable<HoldoutValidation['gammaGamma']>;
    within(gg.params.p, 6.25);
    within(gg.params.q, 3.74);
    within(gg.params.gamma / 100, 15.44);
  });

  it('reports the weeks 40–78 holdout in total and by calibration count 0–7+', () => {
    expect(report.calibrationEnd).toBe('1997-09-30T00:00:00.000Z');
    expect(report.holdoutEnd).toBe('1998-06-30T00:00:00.000Z');
    expect(report.actual).toBe(1882);
    expect(Math.abs(report.predicted - report.actual) / report.actual).toBeLessThan(0.15);
    expect(report.byCalibrationCount.map((g) => g.customers)).toEqual([1411, 439, 214, 100, 62, 38, 29, 64]);
    expect(report.byCalibrationCount.reduce((sum, g) => sum + g.actual, 0)).toBe(1882);
    expect(report.points).toHaveLength(16);
  });
});
