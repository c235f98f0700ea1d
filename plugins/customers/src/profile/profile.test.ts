import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Customer } from '../entities/customer.js';
import { CUSTOMERS } from '../service.js';
import { bootCustomers } from '../test-support/boot.js';
import { ordersTestPlugin, type TestOrder } from '../test-support/orders-plugin.js';
import { CUSTOMER_VALUE } from '../value/value-recorder.js';

describe('7P profile', () => {
  let t: TestKernel;
  afterEach(async () => t?.stop());

  it('fills what the customers plugin knows alone and says why the rest is absent', async () => {
    t = await bootCustomers();
    const ada = await t.data<Customer>('customer').create({
      kind: 'person',
      name: 'Ada',
      ownerId: 'u1',
      relationshipType: 'proactive',
      objective: { country: 'GB', occupation: 'mathematician' },
      subjective: { interests: ['engines'] },
    });
    await t
      .data('interaction')
      .create({ customerId: ada.id, channel: 'email', direction: 'inbound', subject: 'Hi' });
    await t.kernel.resolve(CUSTOMER_VALUE).record({
      customerId: ada.id,
      amount: { amount: 500_00, currency: 'EUR' },
      at: '2026-05-01T00:00:00.000Z',
    });
    await t.kernel.resolve(CUSTOMERS).recompute();
    const profile = await t.kernel.resolve(CUSTOMERS).profile(t.admin, ada.id);

    expect(Object.keys(profile.parts)).toEqual([
      'profiling',
      'persistency',
      'profitability',
      'performance',
      'prospecting',
      'product',
      'promotion',
    ]);
    expect(profile.parts.profiling).toMatchObject({
      status: 'available',
      contributions: [
        {
          source: 'customers',
          data: {
            relationshipType: 'proactive',
            client: true,
            objective: { country: 'GB' },
            interactions: { total: 1, byChannel: { email: 1 } },
          },
        },
      ],
    });
    expect(profile.parts.persistency).toMatchObject({
      contributions: [{ data: { lifecycleStage: 'active', purchases: 1, daysSinceLastPurchase: 31 } }],
    });
    expect(profile.parts.profitability).toMatchObject({
      contributions: [{ data: { abcClass: 'A', shareOfWindowValue: 1, lifetimeValue: { amount: 500_00 } } }],
    });
    expect(profile.parts.performance).toMatchObject({
      contributions: [
        { data: { rfm: { code: '111' }, averagePurchase: { amount: 500_00, currency: 'EUR' } } },
      ],
    });
    for (const part of ['prospecting', 'product', 'promotion'] as const) {
      expect(profile.parts[part]).toMatchObject({
        status: 'absent',
        reason: expect.stringContaining('no installed plugin'),
      });
    }
  });

  it('adds what other plugins contribute', async () => {
    t = await bootCustomers({ plugins: [ordersTestPlugin()] });
    const acme = await t.data<Customer>('customer').create({ kind: 'organisation', name: 'ACME' });
    for (const product of ['anvil', 'anvil', 'rocket']) {
      await t.data<TestOrder>('testOrder').create({
        customerId: acme.id,
        title: product,
        total: { amount: 10_00, currency: 'EUR' },
        placedAt: '2026-05-30T00:00:00.000Z',
        product,
      });
    }
    const profile = await t.kernel.resolve(CUSTOMERS).profile(t.admin, acme.id);
    expect(profile.parts.product).toEqual({
      status: 'available',
      contributions: [
        { source: 'orders', summary: '2 product(s)', data: { products: { anvil: 2, rocket: 1 } } },
      ],
    });
    expect(profile.parts.prospecting).toMatchObject({ status: 'available' });
    expect(profile.parts.promotion).toMatchObject({ status: 'absent' });
  });
});
