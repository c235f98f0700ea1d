import { SYSTEM_ACTOR } from '@rapport/core';
import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerValue } from '../entities/customer-value.js';
import { bootCustomers } from '../test-support/boot.js';
import { CUSTOMER_VALUE } from '../value/value-recorder.js';
import { historiesAt, loadPurchaseOccasions, occasionsAfter } from './purchase-occasions.js';

const WEEK = 7 * 86_400_000;
const at = (week: number) => new Date(Date.UTC(2026, 0, 1) + week * WEEK).toISOString();

describe('purchase occasions, the models’ input', () => {
  let t: TestKernel;
  afterEach(async () => t?.stop());

  it('merges purchases of one instant, leaves out refunds and adjustments, and cuts at the calibration end', async () => {
    t = await bootCustomers({ now: '2026-12-01T00:00:00.000Z' });
    const ada = await t.data('customer').create({ kind: 'person', name: 'Ada' });
    const bob = await t.data('customer').create({ kind: 'person', name: 'Bob' });
    const record = (customerId: string, week: number, amount: number, kind?: CustomerValue['kind']) =>
      t.kernel.resolve(CUSTOMER_VALUE).record({
        customerId,
        amount: { amount, currency: 'EUR' },
        at: at(week),
        ...(kind ? { kind } : {}),
      });
    await record(ada.id, 0, 1_000); // first purchase
    await record(ada.id, 4, 2_000); // two orders of one day: one occasion of 5,000
    await record(ada.id, 4, 3_000);
    await record(ada.id, 6, -2_000, 'refund'); // not a purchase
    await record(ada.id, 7, 500, 'adjustment'); // not a purchase
    await record(ada.id, 10, 4_000);
    await record(ada.id, 30, 9_000); // after the calibration end
    await record(bob.id, 20, 7_000); // bought only after the end: not in the calibration

    const occasions = await loadPurchaseOccasions(t.kernel.data('customerValue', { actor: SYSTEM_ACTOR }));
    expect(occasions.get(ada.id)).toEqual({
      at: [0, 4, 10, 30].map((w) => Date.parse(at(w))),
      amount: [1_000, 5_000, 4_000, 9_000],
    });
    const end = Date.parse(at(12));
    const h = historiesAt(occasions, end);
    expect(h.ids).toEqual([ada.id]);
    expect(h.x).toEqual([2]);
    expect(h.tx[0]).toBeCloseTo(10, 9);
    expect(h.T[0]).toBeCloseTo(12, 9);
    expect(h.mean).toEqual([4_500]); // repeat occasions only: (5,000 + 4,000) / 2
    expect(occasionsAfter(occasions, h, end, 17)).toEqual([0]);
    expect(occasionsAfter(occasions, h, end, 18)).toEqual([1]); // week 30 is 18 weeks after week 12
  });
});
