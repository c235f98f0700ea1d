import type { TestKernel } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { SALES } from '../service.js';
import { bootSales } from '../test-support/boot.js';
import { generateDemoSales } from './generate-demo.js';
import { seedDemoSales } from './seed-demo.js';

const NOW = '2026-06-01T00:00:00.000Z';

describe('demo data', () => {
  const kernels: TestKernel[] = [];
  afterEach(async () => {
    for (const t of kernels.splice(0)) await t.stop();
  });

  const seeded = async (deals: number) => {
    const t = await bootSales({ now: NOW });
    kernels.push(t);
    const report = await seedDemoSales(t.kernel, { seed: 7, deals, customers: 40 });
    return { t, report };
  };

  it('generates the same deals for the same seed and customers', () => {
    const customers = Array.from({ length: 20 }, (_, i) => ({
      id: `c${i}`,
      category: i % 5 === 0 ? 'intermediary' : 'consumer',
    }));
    const a = generateDemoSales({ seed: 3, now: NOW, deals: 300 }, customers);
    const b = generateDemoSales({ seed: 3, now: NOW, deals: 300 }, customers);
    expect(a).toEqual(b);
    expect(generateDemoSales({ seed: 4, now: NOW, deals: 300 }, customers)).not.toEqual(a);
    const opened = a.map((d) => Date.parse(d.openedAt));
    expect(Math.min(...opened)).toBeGreaterThanOrEqual(Date.parse(NOW) - 366 * 86_400_000);
    expect(new Set(a.map((d) => d.pipeline))).toEqual(new Set(['new-business', 'renewals', 'dealers']));
    expect(new Set(a.map((d) => d.kind))).toEqual(new Set(['new', 'cross-sell', 'up-sell', 'renewal']));
  });

  it('seeds customers, deals with history, orders, activities and leads — deterministically, once', async () => {
    const first = await seeded(150);
    const second = await seeded(150);
    expect(first.report).toMatchObject({ skipped: false, customersSeeded: 40, deals: 150, leads: 25 });
    expect(first.report.won + first.report.lost + first.report.open).toBe(150);
    expect(first.report.won).toBeGreaterThan(10);
    expect(first.report.lost).toBeGreaterThan(10);
    expect(first.report.open).toBeGreaterThan(10);
    expect(first.report.orders).toBe(first.report.won);
    const { ms: _a, ...one } = first.report;
    const { ms: _b, ...two } = second.report;
    expect(two).toEqual(one);
    const report = async (t: TestKernel) => {
      const funnel = await t.kernel.resolve(SALES).funnel(t.admin, { pipeline: 'new-business' });
      const forecast = await t.kernel
        .resolve(SALES)
        .forecast(t.admin, { from: '2026-01-01', to: '2026-12-01', currency: 'EUR' });
      const velocity = await t.kernel.resolve(SALES).velocity(t.admin, {});
      return { funnel, forecast, velocity };
    };
    const r1 = await report(first.t);
    expect(r1).toEqual(await report(second.t));
    expect(r1.funnel.deals.count).toBeGreaterThan(50);
    expect(r1.velocity.stages.every((s) => s.stays > 0)).toBe(true);
    expect(await first.t.data('activity').count()).toBe(first.report.activities);
    expect(await first.t.data('customerValue').count({ source: 'sales.order' })).toBe(first.report.orders);
    expect((await seedDemoSales(first.t.kernel, { seed: 7, deals: 150 })).skipped).toBe(true);
  }, 120_000);

  it('seeds the quickstart size: about 2,000 deals over 12 months on 300 customers', async () => {
    const t = await bootSales({ now: NOW });
    kernels.push(t);
    const report = await seedDemoSales(t.kernel, { seed: 1 });
    expect(report).toMatchObject({ deals: 2000, customersSeeded: 300, leads: 333 });
    expect(report.orders).toBe(report.won);
    expect(await t.data('deal').count()).toBe(2000);
    expect(await t.data('pipeline').count()).toBe(3);
    const oldest = await t.data('deal').find({ sort: ['openedAt'], limit: 1, fields: ['openedAt'] });
    expect(Date.parse(String(oldest.items[0]?.openedAt))).toBeGreaterThan(Date.parse(NOW) - 366 * 86_400_000);
  }, 180_000);
});
