import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { seedDemoCustomers } from '../demo/seed-demo.js';
import type { Customer } from '../entities/customer.js';
import { CUSTOMERS } from '../service.js';
import { bootCustomers, bootServer, DAY } from '../test-support/boot.js';
import { CUSTOMER_VALUE } from '../value/value-recorder.js';
import { readFutureValueReport } from './future-value-report.js';
import type { HoldoutValidation } from './holdout-validation.js';

/** A reproducible customer base: `n` customers, owners rep-1 / rep-2 alternating, 1–9 purchases each. */
async function seedBase(t: TestKernel, n: number) {
  let s = 7;
  const random = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = await t
      .data<Customer>('customer')
      .create({ kind: 'person', name: `C${i}`, ownerId: i % 2 ? 'rep-2' : 'rep-1' });
    ids.push(c.id);
    const firstDaysAgo = 60 + Math.floor(random() * 300);
    const purchases = 1 + Math.floor(random() * random() * 9);
    const activeDays = firstDaysAgo * random();
    for (let k = 0; k < purchases; k++) {
      const daysAgo = firstDaysAgo - (k === 0 ? 0 : (activeDays * k) / purchases);
      await t.kernel.resolve(CUSTOMER_VALUE).record({
        customerId: c.id,
        amount: { amount: 2000 + Math.floor(random() * 6000), currency: 'EUR' },
        at: new Date(t.clock.now() - daysAgo * DAY).toISOString(),
      });
    }
  }
  return ids;
}

const rules = {
  rules: [
    {
      id: 'test.ownCustomers',
      entity: 'customer',
      where: (actor: { roles: string[]; id: string }) =>
        actor.roles.includes('rep') ? { ownerId: actor.id } : undefined,
    },
  ],
};

describe('future value in the recompute job', () => {
  let t: TestKernel;
  afterEach(async () => t?.stop());

  it('fits, stores predictions on every buyer, and is segmentable and measurable under record rules', async () => {
    t = await bootCustomers({ access: rules });
    const ids = await seedBase(t, 60);
    const prospect = await t
      .data<Customer>('customer')
      .create({ kind: 'person', name: 'No purchase', ownerId: 'rep-1' });
    const summary = await t.kernel.resolve(CUSTOMERS).recompute();
    expect(summary.futureValue.error).toBeUndefined();
    expect(summary.futureValue).toMatchObject({ customers: 60 });
    expect(summary.futureValue.bgNbd?.params.r).toBeGreaterThan(0);
    expect(Array.isArray(summary.futureValue.atBound)).toBe(true);
    const all = await t.data<Customer>('customer').find({ limit: 100 });
    for (const c of all.items.filter((c) => ids.includes(c.id))) {
      const fv = c.futureValue;
      expect(fv?.pAlive).toBeGreaterThanOrEqual(0);
      expect(fv?.pAlive).toBeLessThanOrEqual(1);
      expect(fv?.expectedPurchases).toBeGreaterThanOrEqual(0);
      expect(fv?.lifetimeValue.currency).toBe('EUR');
      expect(fv?.horizonWeeks).toBe(52);
    }
    expect((await t.data<Customer>('customer').get(prospect.id)).futureValue).toBeUndefined();

    // Segmenting on a prediction like any field; a rep sees only their own customers.
    const lapsed = await t.data<Customer>('customer').count({ 'futureValue.pAlive': { lt: 0.5 } });
    const rep = t.actor(['agent', 'rep'], undefined, 'rep-1');
    const repLapsed = await t.kernel
      .data<Customer>('customer', { actor: rep })
      .count({ 'futureValue.pAlive': { lt: 0.5 } });
    expect(repLapsed).toBeLessThanOrEqual(lapsed);

    const period = { from: t.clock.now() - 30 * DAY, to: t.clock.now() };
    const equity = (actor: typeof rep) =>
      t.kernel.metrics.compute('customers.customerEquity', period, { actor }).then((m) => Number(m.value));
    const expected = all.items.reduce((sum, c) => sum + (c.futureValue?.lifetimeValue.amount ?? 0), 0);
    const mine = all.items
      .filter((c) => c.ownerId === 'rep-1')
      .reduce((sum, c) => sum + (c.futureValue?.lifetimeValue.amount ?? 0), 0);
    expect(await equity(t.admin)).toBe(expected);
    expect(await equity(rep)).toBe(mine);
    expect(mine).toBeLessThan(expected);
    const active = await t.kernel.metrics.compute('customers.expectedActive', period, { actor: t.admin });
    const pAliveSum = all.items.reduce((sum, c) => sum + (c.futureValue?.pAlive ?? 0), 0);
    expect(Number(active.value)).toBeCloseTo(pAliveSum, 6);
    const report = await readFutureValueReport(t.kernel, rep);
    expect(report.customerEquity).toBe(mine);
    expect(report.predicted).toBe(all.items.filter((c) => c.ownerId === 'rep-1' && c.futureValue).length);
    expect(report.atRiskValuable.every((c) => c.ownerId === 'rep-1' && c.abcClass === 'A')).toBe(true);
    const winBack = await t.kernel.metrics.compute('customers.atRiskValuable', period, { actor: t.admin });
    expect(winBack.value).toBe(
      all.items.filter((c) => c.abcClass === 'A' && (c.futureValue?.pAlive ?? 1) < 0.3).length,
    );
  });

  it('refuses too few customers with a clear reason and writes no predictions', async () => {
    t = await bootCustomers();
    const ids = await seedBase(t, 8);
    const summary = await t.kernel.resolve(CUSTOMERS).recompute();
    expect(summary.futureValue.error).toMatchObject({ code: 'FUTURE_VALUE_TOO_FEW_CUSTOMERS' });
    expect(summary.futureValue.error?.message).toMatch(/at least 30 customers/);
    for (const id of ids) expect((await t.data<Customer>('customer').get(id)).futureValue).toBeUndefined();
    const equity = await t.kernel.metrics.compute(
      'customers.customerEquity',
      { from: 0, to: t.clock.now() },
      { actor: t.admin },
    );
    expect(equity.value).toBeNull();
  });

  it('keeps the previous predictions when a later fit is refused', async () => {
    t = await bootCustomers();
    const ids = await seedBase(t, 40);
    expect((await t.kernel.resolve(CUSTOMERS).recompute()).futureValue.error).toBeUndefined();
    const before = await t.data<Customer>('customer').get(ids[0] as string);
    expect(before.futureValue?.pAlive).toBeGreaterThanOrEqual(0);
    // Twenty buyers' purchases are withdrawn: 20 customers are too few to fit.
    const values = t.data<{ customerId: string }>('customerValue');
    for (const id of ids.slice(20)) {
      for (const v of (await values.find({ where: { customerId: id }, limit: 100 })).items)
        await values.delete(v.id);
    }
    t.clock.advance(DAY);
    const refused = await t.kernel.resolve(CUSTOMERS).recompute();
    expect(refused.futureValue.error).toMatchObject({ code: 'FUTURE_VALUE_TOO_FEW_CUSTOMERS' });
    const after = await t.data<Customer>('customer').get(ids[0] as string);
    expect(after.futureValue).toEqual(before.futureValue);
  });

  it('validates the model on a holdout window of the deployment, refuses bad windows by field, stores nothing', async () => {
    const s = await bootServer();
    try {
      await seedBase(s.t, 80);
      const { status, body } = await s.json<HoldoutValidation>(
        'GET',
        '/api/customers/future-value/holdout?weeks=8',
        'viewer',
      );
      expect(status).toBe(200);
      expect(body.error).toBeUndefined();
      expect(body.weeks).toBe(8);
      expect(body.holdoutEnd).toBe(new Date(s.t.clock.now()).toISOString());
      expect(body.customers).toBeGreaterThan(30);
      const groups = body.byCalibrationCount;
      expect(groups.reduce((sum, g) => sum + g.customers, 0)).toBe(body.customers);
      expect(groups.reduce((sum, g) => sum + g.actual, 0)).toBe(body.actual);
      expect(groups.reduce((sum, g) => sum + g.predicted, 0)).toBeCloseTo(body.predicted, 0);
      // Nothing stored: no customer has a prediction before the recompute job runs.
      expect(await s.t.data<Customer>('customer').count({ 'futureValue.fittedAt': { exists: true } })).toBe(
        0,
      );

      const bad = async (query: string, field: string) => {
        const res = await s.json<{ code: string; details: unknown }>(
          'GET',
          `/api/customers/future-value/holdout?${query}`,
          'viewer',
        );
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body)).toContain(field);
      };
      await bad('weeks=0', 'weeks');
      await bad('weeks=9999', 'weeks');
      await bad('calibrationEnd=soon', 'calibrationEnd');
      await bad(`calibrationEnd=${new Date(s.t.clock.now() - DAY).toISOString()}&weeks=4`, 'calibrationEnd');

      const early = await s.json<HoldoutValidation>(
        'GET',
        '/api/customers/future-value/holdout?calibrationEnd=2025-01-01&weeks=4',
        'viewer',
      );
      expect(early.status).toBe(200);
      expect(early.body.error).toMatchObject({ code: 'FUTURE_VALUE_TOO_FEW_CUSTOMERS' });
    } finally {
      await s.stop();
    }
  });

  it('serves the report at GET /api/customers/future-value', async () => {
    const s = await bootServer();
    try {
      await seedBase(s.t, 40);
      const run = await s.t.kernel.resolve(CUSTOMERS).recompute();
      expect(run.futureValue.error?.message).toBeUndefined();
      const { status, body } = await s.json<{ predicted: number; customerEquity: number; fittedAt: string }>(
        'GET',
        '/api/customers/future-value?limit=5',
        'viewer',
      );
      expect(status).toBe(200);
      expect(body.predicted).toBe(40);
      expect(body.customerEquity).toBeGreaterThan(0);
      expect(body.fittedAt).toBe(new Date(s.t.clock.now()).toISOString());
      expect((await s.request('GET', '/api/customers/future-value?limit=0', 'viewer')).status).toBe(400);
      const [one] = (await s.t.data<Customer>('customer').find({ limit: 1 })).items;
      const panel = await s.json<{ summary: string; pAlive: number }>(
        'GET',
        `/api/customers/${one?.id}/future-value`,
        'viewer',
      );
      expect(panel.status).toBe(200);
      expect(panel.body.summary).toMatch(/active: \d+%/);
      expect(panel.body.pAlive).toBe(one?.futureValue?.pAlive);
      expect((await s.request('GET', '/api/customers/nope/future-value', 'viewer')).status).toBe(404);
    } finally {
      await s.stop();
    }
  });

  it('fits on the demo data and shows the prediction in the Prospecting part of the profile', async () => {
    t = await bootCustomers();
    await seedDemoCustomers(t.kernel, { count: 200, seed: 1, recompute: false });
    const run = await t.kernel.resolve(CUSTOMERS).recompute();
    expect(run.futureValue.error).toBeUndefined();
    const [buyer] = (
      await t.data<Customer>('customer').find({ where: { 'futureValue.pAlive': { gte: 0 } }, limit: 1 })
    ).items;
    const profile = await t.kernel.resolve(CUSTOMERS).profile(t.admin, buyer?.id as string);
    expect(profile.parts.prospecting).toMatchObject({ status: 'available' });
    const summary = JSON.stringify(profile.parts.prospecting);
    expect(summary).toMatch(/active: \d+%; expected \d+\.\d purchases and .+ in the next 12 months/);
  });
});
