import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Customer } from '../entities/customer.js';
import type { CustomerValue } from '../entities/customer-value.js';
import { CUSTOMERS } from '../service.js';
import { bootCustomers, DAY } from '../test-support/boot.js';
import { RFM_DATASET } from '../test-support/rfm-dataset.js';

describe('recompute', () => {
  let t: TestKernel;
  afterEach(async () => t?.stop());

  const customersWith = async (count: number) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      ids.push((await t.data<Customer>('customer').create({ kind: 'person', name: `C${i + 1}` })).id);
    }
    return ids;
  };
  const value = (
    customerId: string,
    amount: number,
    daysAgo: number,
    kind: CustomerValue['kind'] = 'purchase',
  ) =>
    t.data<CustomerValue>('customerValue').create({
      customerId,
      amount: { amount, currency: 'EUR' },
      at: new Date(t.clock.now() - daysAgo * DAY).toISOString(),
      kind,
    });
  const field = async <K extends keyof Customer>(ids: string[], key: K) =>
    Promise.all(ids.map(async (id) => (await t.data<Customer>('customer').get(id))[key]));

  it('classifies a known distribution into exact ABC classes', async () => {
    t = await bootCustomers();
    const ids = await customersWith(10);
    // window value 50, 20, 10, 8, 5, 3, 2, 1, 1 (x 100 EUR) and one customer with no value
    const euros = [50, 20, 10, 8, 5, 3, 2, 1, 1];
    for (const [i, v] of euros.entries()) await value(ids[i] as string, v * 100_00, 10);
    await value(ids[0] as string, 30 * 100_00, 400); // outside the 365-day window: lifetime only
    await value(ids[1] as string, -5 * 100_00, 3, 'refund'); // 20 - 5 = 15 net: still above 10
    const summary = await t.kernel.resolve(CUSTOMERS).recompute();
    // net 50, 15, 10, 8, 5, 3, 2, 1, 1 = 95: before-shares 0, .53, .68 | .79 (<.8 → A) ...
    expect(await field(ids, 'abcClass')).toEqual(['A', 'A', 'A', 'A', 'B', 'B', 'C', 'C', 'C', undefined]);
    expect(summary).toMatchObject({ customers: 10, classes: { A: 4, B: 2, C: 3 } });
    const first = await t.data<Customer>('customer').get(ids[0] as string);
    expect(first.value).toMatchObject({
      lifetime: { amount: 80 * 100_00, currency: 'EUR' },
      window: { amount: 50 * 100_00, currency: 'EUR' },
      purchases: 2,
      windowPurchases: 1,
    });
  });

  it('classifies the plain 80/15/5 example exactly', async () => {
    t = await bootCustomers();
    const ids = await customersWith(9);
    for (const [i, v] of [50, 20, 10, 8, 5, 3, 2, 1, 1].entries()) await value(ids[i] as string, v, 1);
    await t.kernel.resolve(CUSTOMERS).recompute();
    expect((await field(ids, 'abcClass')).join('')).toBe('AAABBBCCC');
  });

  it('scores RFM in quintiles on the hand-computed dataset', async () => {
    t = await bootCustomers();
    const ids = await customersWith(RFM_DATASET.length);
    for (const [i, [daysAgo, frequency, monetary]] of RFM_DATASET.entries()) {
      const each = Math.floor(monetary / frequency);
      for (let k = 0; k < frequency; k += 1) {
        const amount = k === 0 ? monetary - each * (frequency - 1) : each;
        await value(ids[i] as string, amount, daysAgo + k);
      }
    }
    await t.kernel.resolve(CUSTOMERS).recompute();
    const rfm = await field(ids, 'rfm');
    expect(rfm.map((score) => score?.code)).toEqual(RFM_DATASET.map((row) => row[3]));
    expect(rfm[1]).toEqual({ r: 5, f: 3, m: 4, code: '534' });
  });

  it('writes only what changed, runs daily as a job, and clears classes when value leaves the window', async () => {
    t = await bootCustomers({ options: { valueWindowDays: 30 } });
    const [a, b, idle] = await customersWith(3);
    await value(a as string, 900, 1);
    await value(b as string, 100, 20);
    const service = t.kernel.resolve(CUSTOMERS);
    expect(await service.recompute()).toMatchObject({ updated: 2, classes: { A: 1, B: 1 } });
    expect(await service.recompute()).toMatchObject({ updated: 0 });
    const prospect = await t.data<Customer>('customer').get(idle as string);
    expect(prospect).toMatchObject({ version: 1, lifecycleStage: 'prospect' });
    expect(prospect.value).toBeUndefined();

    await t.advance('15d'); // the job: b's purchase is now 35 days old, outside the window
    const [ca, cb] = await Promise.all([a, b].map((id) => t.data<Customer>('customer').get(id as string)));
    expect(ca).toMatchObject({ abcClass: 'A', rfm: { code: '111' } });
    expect(cb?.abcClass).toBeUndefined();
    expect(cb?.rfm).toBeUndefined();
    expect(cb?.value).toMatchObject({ window: { amount: 0 }, lifetime: { amount: 100 }, purchases: 1 });
  });
});
