import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Customer } from '../entities/customer.js';
import type { CustomerValue } from '../entities/customer-value.js';
import { bootCustomers } from '../test-support/boot.js';
import { CUSTOMER_VALUE } from './value-recorder.js';

describe('value records', () => {
  let t: TestKernel;
  afterEach(async () => t?.stop());

  it('are idempotent per source and sourceId, and keep the customer stats current', async () => {
    t = await bootCustomers();
    const c = await t.data<Customer>('customer').create({ kind: 'person', name: 'C' });
    const recorder = t.kernel.resolve(CUSTOMER_VALUE);
    const input = {
      customerId: c.id,
      amount: { amount: 42_50, currency: 'EUR' },
      at: '2026-05-31T12:00:00+02:00',
      source: 'sales.order',
      sourceId: 'o-1',
    };
    const first = await recorder.record(input);
    const again = await recorder.record(input);
    expect(first).toMatchObject({
      created: true,
      record: { at: '2026-05-31T10:00:00.000Z', kind: 'purchase' },
    });
    expect(again).toEqual({ created: false, record: first.record });
    expect(await t.data('customerValue').count()).toBe(1);
    expect((await t.data<Customer>('customer').get(c.id)).value).toEqual({
      lifetime: { amount: 42_50, currency: 'EUR' },
      window: { amount: 42_50, currency: 'EUR' },
      purchases: 1,
      windowPurchases: 1,
      firstPurchaseAt: '2026-05-31T10:00:00.000Z',
      lastPurchaseAt: '2026-05-31T10:00:00.000Z',
    });
  });

  it('refuses foreign currencies, wrong signs, unknown customers, future dates and changes', async () => {
    t = await bootCustomers({ options: { currency: 'CNY' } });
    const c = await t.data<Customer>('customer').create({ kind: 'person', name: 'C' });
    const repo = t.data<CustomerValue>('customerValue');
    const base = { customerId: c.id, amount: { amount: 100, currency: 'CNY' }, at: '2026-05-01T00:00:00Z' };
    const refused = async (input: CustomerValue, path: string, rule: string) =>
      expect(repo.create(input)).rejects.toMatchObject({ errors: [{ path, rule: `customers.${rule}` }] });
    await refused({ ...base, amount: { amount: 100, currency: 'EUR' } }, 'amount.currency', 'currency');
    await refused({ ...base, amount: { amount: -1, currency: 'CNY' } }, 'amount.amount', 'sign');
    await refused({ ...base, kind: 'refund' }, 'amount.amount', 'sign');
    await refused({ ...base, customerId: 'nope' }, 'customerId', 'customer');
    await refused({ ...base, at: '2026-06-03T00:00:00Z' }, 'at', 'future');
    const stored = await repo.create(base);
    await expect(repo.update(stored.id, { amount: { amount: 1, currency: 'CNY' } })).rejects.toMatchObject({
      errors: [{ path: 'amount', rule: 'customers.immutable' }],
    });
    await expect(repo.create({ ...base, amount: { amount: 1.5, currency: 'CNY' } })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'amount.amount', rule: 'type' }],
    });
  });
});
