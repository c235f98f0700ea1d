import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Customer } from '../entities/customer.js';
import { bootCustomers } from '../test-support/boot.js';
import { eventLog } from '../test-support/event-log.js';
import { CUSTOMER_VALUE } from '../value/value-recorder.js';

describe('lifecycle on the test clock', () => {
  let t: TestKernel;
  afterEach(async () => t?.stop());

  it('walks prospect → new → active → loyal → at-risk → churned → won-back → active', async () => {
    const log = eventLog(['customers.customer.lifecycleChanged']);
    t = await bootCustomers({ plugins: [log.plugin()], now: '2026-01-01T00:00:00.000Z' });
    const ada = await t.data<Customer>('customer').create({ kind: 'person', name: 'Ada' });
    const stage = async () => (await t.data<Customer>('customer').get(ada.id)).lifecycleStage;
    const buy = (amount = 100_00) =>
      t.kernel.resolve(CUSTOMER_VALUE).record({
        customerId: ada.id,
        amount: { amount, currency: 'EUR' },
        at: new Date(t.clock.now()).toISOString(),
      });

    expect(await stage()).toBe('prospect');
    await buy();
    expect(await stage()).toBe('new'); // at once, in the value record's transaction
    await t.advance('29d');
    expect(await stage()).toBe('new');
    await t.advance('1d'); // the daily job: 30 days after the first purchase
    expect(await stage()).toBe('active');
    for (let i = 0; i < 3; i += 1) await buy();
    expect(await stage()).toBe('active');
    await buy(); // the fifth purchase
    expect(await stage()).toBe('loyal');
    await t.advance('89d');
    expect(await stage()).toBe('loyal');
    await t.advance('1d'); // 90 idle days
    expect(await stage()).toBe('at-risk');
    await t.advance('89d');
    expect(await stage()).toBe('at-risk');
    await t.advance('1d'); // 180 idle days
    expect(await stage()).toBe('churned');
    await buy(); // a churned customer buys again
    const back = await t.data<Customer>('customer').get(ada.id);
    expect(back).toMatchObject({
      lifecycleStage: 'won-back',
      wonBackAt: new Date(t.clock.now()).toISOString(),
    });
    await t.advance('10d');
    expect(await stage()).toBe('won-back');
    await buy(); // bought again since the win-back: an active customer again (loyalty restarts)
    expect(await stage()).toBe('active');

    await t.settle();
    expect(log.seen.map(({ payload }) => `${payload.from}→${payload.to}`)).toEqual([
      'prospect→new',
      'new→active',
      'active→loyal',
      'loyal→at-risk',
      'at-risk→churned',
      'churned→won-back',
      'won-back→active',
    ]);
  });

  it('detects a win-back even when the job has not yet marked the customer churned', async () => {
    t = await bootCustomers({ now: '2026-01-01T00:00:00.000Z' });
    const bo = await t.data<Customer>('customer').create({ kind: 'person', name: 'Bo' });
    const record = (at: string) =>
      t.kernel
        .resolve(CUSTOMER_VALUE)
        .record({ customerId: bo.id, amount: { amount: 5_00, currency: 'EUR' }, at });
    await record('2025-03-01T00:00:00.000Z'); // 306 days ago: churned, but no job has run
    expect((await t.data<Customer>('customer').get(bo.id)).lifecycleStage).toBe('churned');
    await record('2025-12-31T00:00:00.000Z');
    expect((await t.data<Customer>('customer').get(bo.id)).lifecycleStage).toBe('won-back');
  });

  it('counts inbound interactions as activity when configured', async () => {
    t = await bootCustomers({
      now: '2026-01-01T00:00:00.000Z',
      options: { lifecycle: { activityFromInteractions: true } },
    });
    const cy = await t.data<Customer>('customer').create({ kind: 'person', name: 'Cy' });
    await t.kernel
      .resolve(CUSTOMER_VALUE)
      .record({ customerId: cy.id, amount: { amount: 1, currency: 'EUR' }, at: '2026-01-01T00:00:00.000Z' });
    await t.advance('100d');
    expect((await t.data<Customer>('customer').get(cy.id)).lifecycleStage).toBe('at-risk');
    await t
      .data('interaction')
      .create({ customerId: cy.id, channel: 'chat', direction: 'inbound', subject: 'Still interested' });
    expect((await t.data<Customer>('customer').get(cy.id)).lifecycleStage).toBe('active');
    await t.advance('1d');
    expect((await t.data<Customer>('customer').get(cy.id)).lifecycleStage).toBe('active');
  });
});
