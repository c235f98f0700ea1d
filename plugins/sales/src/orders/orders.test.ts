import { CUSTOMERS, type Customer, type CustomerValue } from '@rapport/plugin-customers';
import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Deal, DealRecord } from '../entities/deal.js';
import type { Order, OrderRecord } from '../entities/order.js';
import { SALES } from '../service.js';
import { bootSales, customer, DAY } from '../test-support/boot.js';
import { eventLog } from '../test-support/event-log.js';

describe('orders', () => {
  let t: TestKernel;
  afterEach(async () => t?.stop());

  const orders = async (where: Record<string, unknown>) =>
    (await t.data<Order>('order').find({ where: where as never, sort: ['createdAt'] }))
      .items as OrderRecord[];
  const values = async (customerId: string) =>
    (await t.data<CustomerValue>('customerValue').find({ where: { customerId }, sort: ['createdAt'] })).items;

  it('a won deal places an order, which feeds the customer’s value and lifecycle; reopening cancels and refunds it', async () => {
    const log = eventLog(['sales.order.placed', 'sales.order.cancelled']);
    t = await bootSales({ plugins: [log.plugin()] });
    const acme = await customer(t, { name: 'ACME' });
    const deal = (await t.data<Deal>('deal').create({
      title: 'ACME seats',
      customerId: acme.id,
      lines: [
        { product: 'seat', quantity: 20, unitPrice: { amount: 50_00, currency: 'EUR' } },
        { product: 'setup', quantity: 1, unitPrice: { amount: 500_00, currency: 'EUR' } },
      ],
      ownerId: 'rep-1',
    })) as DealRecord;
    t.clock.advance(DAY);
    await t.data<Deal>('deal').update(deal.id, { stage: 'won' });
    await t.settle();
    const [order] = await orders({ dealId: deal.id });
    expect(order).toMatchObject({
      customerId: acme.id,
      source: 'deal',
      status: 'placed',
      total: { amount: 1_500_00, currency: 'EUR' },
      date: '2026-06-02T00:00:00.000Z',
      ownerId: 'rep-1',
    });
    expect(order?.lines?.map((l) => l.product)).toEqual(['seat', 'setup']);
    expect(await values(acme.id)).toMatchObject([
      { amount: { amount: 1_500_00 }, kind: 'purchase', source: 'sales.order', sourceId: order?.id },
    ]);
    expect(await t.data<Customer>('customer').get(acme.id)).toMatchObject({
      lifecycleStage: 'new',
      value: { lifetime: { amount: 1_500_00 }, purchases: 1 },
    });
    // Redelivery or a repeated event does not place a second order.
    await t.kernel.events.emit('sales.deal.won', { dealId: deal.id }, { actor: t.admin });
    await t.settle();
    expect(await orders({ dealId: deal.id })).toHaveLength(1);

    await t.kernel.resolve(SALES).reopenDeal(t.admin, deal.id, { reason: 'signed by mistake' });
    await t.settle();
    expect((await orders({ dealId: deal.id }))[0]).toMatchObject({
      status: 'cancelled',
      cancelReason: 'the deal was reopened: signed by mistake',
      cancelledAt: '2026-06-02T00:00:00.000Z',
    });
    expect((await values(acme.id)).map((v) => [v.kind, v.amount.amount])).toEqual([
      ['purchase', 1_500_00],
      ['refund', -1_500_00],
    ]);
    expect(log.seen.map((e) => e.name)).toEqual(['sales.order.placed', 'sales.order.cancelled']);
    // Won again: a new order.
    await t.data<Deal>('deal').update(deal.id, { stage: 'won' });
    await t.settle();
    expect((await orders({ dealId: deal.id })).map((o) => o.status)).toEqual(['cancelled', 'placed']);
  });

  it('imports ERP orders once (unique per source and number), prices lines and checks currencies', async () => {
    t = await bootSales();
    const acme = await customer(t);
    const erp = {
      customerId: acme.id,
      source: 'erp' as const,
      externalId: 'SO-1001',
      date: '2026-05-20T10:00:00Z',
    };
    const order = await t.data<Order>('order').create({
      ...erp,
      lines: [{ product: 'anvil', quantity: 2, unitPrice: { amount: 99_95, currency: 'EUR' } }],
    });
    expect(order.total).toEqual({ amount: 199_90, currency: 'EUR' });
    await expect(
      t.data<Order>('order').create({ ...erp, total: { amount: 1, currency: 'EUR' } }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      t.data<Order>('order').create({
        customerId: acme.id,
        lines: [
          { product: 'a', quantity: 1, unitPrice: { amount: 1, currency: 'EUR' } },
          { product: 'b', quantity: 1, unitPrice: { amount: 1, currency: 'USD' } },
        ],
      }),
    ).rejects.toMatchObject({ errors: [{ path: 'lines.1.unitPrice.currency', rule: 'sales.currency' }] });
    await expect(t.data<Order>('order').create({ customerId: acme.id })).rejects.toMatchObject({
      errors: [{ path: 'total', rule: 'sales.required' }],
    });
    await expect(
      t.data<Order>('order').create({ customerId: acme.id, total: { amount: -5, currency: 'EUR' } }),
    ).rejects.toMatchObject({ errors: [{ path: 'total.amount' }] });
    await expect(
      t.data<Order>('order').update(order.id, { date: '2026-05-01T00:00:00Z' }),
    ).rejects.toMatchObject({
      errors: [{ path: 'date', rule: 'sales.immutable' }],
    });
    await t.settle();
    expect((await values(acme.id)).map((v) => v.amount.amount)).toEqual([199_90]);
  });

  it('skips feeding value for an order in another currency than the customers plugin’s, without failing', async () => {
    t = await bootSales();
    const acme = await customer(t);
    await t.data<Order>('order').create({ customerId: acme.id, total: { amount: 100_00, currency: 'USD' } });
    await t.settle();
    expect(await values(acme.id)).toEqual([]);
    expect(await t.kernel.store.transaction((tx) => tx.count('_outbox'))).toBe(0); // delivered, not parked
  });

  it('shows deals, wins and orders on the customer timeline, and fills the 7P profile', async () => {
    t = await bootSales();
    const acme = await customer(t, { name: 'ACME' });
    const deal = await t.data<Deal>('deal').create({
      title: 'Anvils',
      customerId: acme.id,
      lines: [{ product: 'anvil', quantity: 3, unitPrice: { amount: 100_00, currency: 'EUR' } }],
    });
    await t.data<Deal>('deal').create({
      title: 'More anvils',
      customerId: acme.id,
      amount: { amount: 1_000_00, currency: 'EUR' },
      stage: 'proposal',
    });
    t.clock.advance(DAY);
    await t.data<Deal>('deal').update(deal.id, { stage: 'won' });
    await t.settle();
    const timeline = await t.kernel.resolve(CUSTOMERS).timeline(t.admin, acme.id, { limit: 20 });
    const types = timeline.items.map((item) => `${item.source}:${item.type}`);
    expect(types.sort()).toEqual([
      'sales:deal.opened',
      'sales:deal.opened',
      'sales:deal.won',
      'sales:order.placed',
    ]);
    const profile = await t.kernel.resolve(CUSTOMERS).profile(t.admin, acme.id);
    expect(profile.parts.prospecting).toMatchObject({
      status: 'available',
      contributions: [
        {
          source: 'sales',
          data: { openDeals: 1, pipeline: [{ currency: 'EUR', amount: 1_000_00, weighted: 500_00 }] },
        },
      ],
    });
    expect(profile.parts.product).toMatchObject({
      status: 'available',
      contributions: [{ data: { products: { anvil: 3 } } }],
    });
    expect(profile.parts.performance).toMatchObject({
      status: 'available',
      contributions: expect.arrayContaining([
        expect.objectContaining({
          source: 'sales',
          data: expect.objectContaining({ wonDeals: 1, winRate: 1, avgCycleDays: 1 }),
        }),
      ]),
    });
  });

  it('moves deals, orders, activities and history on a customer merge, and guards customer deletion', async () => {
    t = await bootSales();
    const survivor = await customer(t, { name: 'ACME GmbH' });
    const merged = await customer(t, { name: 'ACME' });
    const deal = await t
      .data<Deal>('deal')
      .create({ title: 'x', customerId: merged.id, amount: { amount: 1_00, currency: 'EUR' }, stage: 'won' });
    await t.data('activity').create({ type: 'call', subject: 'hello', customerId: merged.id });
    const cancelled = await t
      .data<Order>('order')
      .create({ customerId: merged.id, total: { amount: 5_00, currency: 'EUR' } });
    await t.data<Order>('order').update(cancelled.id, { status: 'cancelled' });
    await t.settle();
    await expect(t.data('customer').delete(merged.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    const prospect = await customer(t, { name: 'Prospect' });
    await t
      .data<Deal>('deal')
      .create({ title: 'y', customerId: prospect.id, amount: { amount: 1_00, currency: 'EUR' } });
    await expect(t.data('customer').delete(prospect.id)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('1 deal record(s)'),
    });
    const result = await t.kernel.resolve(CUSTOMERS).merge(t.admin, survivor.id, merged.id);
    expect(result.moved).toMatchObject({
      deal: 1,
      order: 2,
      activity: 1,
      dealStageChange: 1,
      customerValue: 3,
    });
    expect((await t.data<Deal>('deal').get(deal.id)).customerId).toBe(survivor.id);
    expect(await t.data('order').count({ customerId: survivor.id })).toBe(2);
  });
});
