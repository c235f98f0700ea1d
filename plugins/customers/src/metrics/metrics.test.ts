import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Customer } from '../entities/customer.js';
import { bootCustomers } from '../test-support/boot.js';
import { CUSTOMER_VALUE } from '../value/value-recorder.js';

const ms = (iso: string) => Date.parse(iso);

describe('metrics', () => {
  let t: TestKernel;
  afterEach(async () => t?.stop());

  it('computes total, new, retention, churn and ABC shares over a period', async () => {
    t = await bootCustomers({ now: '2026-06-01T00:00:00.000Z' });
    const make = (name: string, acquiredAt: string) =>
      t.data<Customer>('customer').create({ kind: 'person', name, acquiredAt });
    const a = await make('A', '2025-01-10T00:00:00Z');
    const b = await make('B', '2025-02-10T00:00:00Z');
    const c = await make('C', '2025-03-10T00:00:00Z');
    const d = await make('D', '2026-04-10T00:00:00Z');
    await make('E', '2026-05-10T00:00:00Z');
    const buy = (customerId: string, at: string, amount = 100) =>
      t.kernel.resolve(CUSTOMER_VALUE).record({ customerId, amount: { amount, currency: 'EUR' }, at });
    // previous quarter (Jan–Mar 2026): A, B, C buy. This quarter (Apr–Jun 2026): A and D buy.
    await buy(a.id, '2026-01-15T00:00:00Z', 8000);
    await buy(b.id, '2026-02-15T00:00:00Z');
    await buy(c.id, '2025-10-01T00:00:00Z');
    await buy(c.id, '2026-03-01T00:00:00Z');
    await buy(a.id, '2026-04-20T00:00:00Z', 8000);
    await buy(d.id, '2026-04-20T00:00:00Z', 2000);
    const metric = async (id: string, from: string, to: string) =>
      (await t.kernel.metrics.compute(`customers.${id}`, { from: ms(from), to: ms(to) }, { actor: t.admin }))
        .value;
    const q2 = ['2026-04-01T00:00:00Z', '2026-07-01T00:00:00Z'] as const;

    expect(await metric('total', ...q2)).toBe(5);
    expect(await metric('total', '2025-01-01T00:00:00Z', '2025-03-01T00:00:00Z')).toBe(2);
    expect(await metric('new', ...q2)).toBe(2);
    expect(await metric('retentionRate', ...q2)).toBeCloseTo(1 / 3); // of A, B, C only A bought again
    expect(await metric('retentionRate', '2020-01-01T00:00:00Z', '2020-02-01T00:00:00Z')).toBeNull();
    // alive at Apr 1: A (Jan 15), B (Feb 15), C (Mar 1). By Oct 1 nobody but A and D bought since:
    // B churns Aug 14, C churns Aug 28 (180 days), A is alive (last Apr 20).
    expect(await metric('churnRate', '2026-04-01T00:00:00Z', '2026-10-01T00:00:00Z')).toBeCloseTo(2 / 3);
    expect(await metric('churnRate', ...q2)).toBe(0);
    // Q2 value: A 8000, D 2000 → A is class A (0%), D is class B (80%): half the customers each.
    expect(await metric('segmentShare.A', ...q2)).toBe(0.5);
    expect(await metric('segmentShare.B', ...q2)).toBe(0.5);
    expect(await metric('segmentShare.C', ...q2)).toBe(0);
    expect(t.kernel.metrics.list().map((m) => m.id)).toEqual([
      'customers.total',
      'customers.new',
      'customers.retentionRate',
      'customers.churnRate',
      'customers.customerEquity',
      'customers.expectedActive',
      'customers.atRiskValuable',
      'customers.segmentShare.A',
      'customers.segmentShare.B',
      'customers.segmentShare.C',
    ]);
  });
});
