import type { DataStore } from '@rapport/core';
import type { TestKernel } from '@rapport/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lead } from '../entities/lead.js';
import type { SalesRule } from '../entities/sales-rule.js';
import { SALES } from '../service.js';
import { bootSales } from './boot.js';
import { DATASET_NOW, writeDataset } from './report-dataset.js';

/** A store for one run of the suite, and how to clean up after it. */
export interface StoreFactory {
  create(): Promise<DataStore> | DataStore;
  cleanup?(): Promise<void>;
}

const EMPTY = { count: 0, amount: 0, weighted: 0 };

/**
 * The report tests, on any store: the funnel, forecast, velocity and metrics of the
 * hand-computed dataset in `report-dataset.ts` (the expected numbers are worked out there and
 * beside each assertion), mixed currencies refused, and round-robin under 30 concurrent creates.
 * Run on the memory store and on PostgreSQL, so the aggregates answer the same everywhere.
 */
export function describeSalesReports(name: string, factory: () => StoreFactory): void {
  describe(`sales reports on ${name}`, () => {
    let t: TestKernel;
    let cleanup: (() => Promise<void>) | undefined;
    const service = () => t.kernel.resolve(SALES);

    beforeAll(async () => {
      const made = factory();
      cleanup = made.cleanup;
      t = await bootSales({ now: DATASET_NOW, store: await made.create() });
      await writeDataset(t.kernel);
      await t.settle();
    }, 120_000);
    afterAll(async () => {
      await t?.stop();
      await cleanup?.();
    });

    it('funnel: reached, current, lost and conversion per stage for the 2026 cohort', async () => {
      const funnel = await service().funnel(t.admin, {
        pipeline: 'new-business',
        from: '2026-01-01',
        to: '2026-07-01',
      });
      // Cohort D1–D10 (D11 opened in 2025): 10 deals, 5 702 337.
      expect(funnel.deals).toEqual({ count: 10, amount: 5_702_337 });
      expect(funnel.currency).toBe('EUR');
      const byStage = Object.fromEntries(funnel.stages.map((s) => [s.stage, s]));
      // qualification: everyone.
      expect(byStage.qualification).toMatchObject({
        reached: { count: 10, amount: 5_702_337 },
        current: { count: 1, amount: 300_000 }, // D8
        lostHere: { count: 1, amount: 400_000 }, // D10
        conversion: 0.8, // 8 / 10
      });
      // needs-analysis: won D1 D3 D9 + D2 D4 D5 D6 D7 (D5 skipped it but went further).
      expect(byStage['needs-analysis']).toMatchObject({
        reached: { count: 8, amount: 5_002_337 },
        current: { count: 1, amount: 333 }, // D6
        lostHere: { count: 1, amount: 500_000 }, // D2
        conversion: 0.75, // 6 / 8
      });
      // proposal: won D1 D3 D9 + D4 D5 D7.
      expect(byStage.proposal).toMatchObject({
        reached: { count: 6, amount: 4_502_004 },
        current: { count: 2, amount: 2_004 }, // D4 + D5
        lostHere: { count: 0, amount: 0 },
      });
      expect(byStage.proposal?.conversion).toBeCloseTo(4 / 6, 12);
      // negotiation: won D1 D3 D9 + D7; converts to won 3 / 4.
      expect(byStage.negotiation).toMatchObject({
        reached: { count: 4, amount: 4_500_000 },
        current: { count: 1, amount: 2_000_000 },
        conversion: 0.75,
      });
      expect(byStage.won).toMatchObject({
        reached: { count: 3, amount: 2_500_000 },
        current: { count: 3, amount: 2_500_000 },
        conversion: null,
      });
      expect(byStage.lost).toMatchObject({
        reached: { count: 2, amount: 900_000 },
        current: { count: 2, amount: 900_000 },
      });
      expect(funnel.won).toEqual({ count: 3, amount: 2_500_000 });
      expect(funnel.lost).toEqual({ count: 2, amount: 900_000 });
      expect(funnel.open).toEqual({ count: 5, amount: 2_302_337 });
      expect(funnel.conversion).toBe(0.3); // 3 / 10
      expect(funnel.winRate).toBe(0.6); // 3 / (3 + 2)
    });

    it('forecast per month: weighted by category, omitted shown but not counted, closed-won', async () => {
      const forecast = await service().forecast(t.admin, {
        from: '2026-06-01',
        to: '2026-09-01',
        currency: 'EUR',
      });
      expect(forecast.periods.map((p) => p.period)).toEqual(['2026-06', '2026-07', '2026-08']);
      expect(forecast).toMatchObject({
        from: '2026-06-01T00:00:00.000Z',
        to: '2026-09-01T00:00:00.000Z',
        timeZone: 'UTC',
      });
      const [june, july, august] = forecast.periods;
      // June: D7 commit; D4, D5, R1 best-case (500 + 502 + 360 000); D9 won 06-10.
      expect(june).toEqual({
        period: '2026-06',
        from: '2026-06-01T00:00:00.000Z',
        to: '2026-07-01T00:00:00.000Z',
        open: { count: 4, amount: 2_602_004, weighted: 1_961_002 },
        weighted: 1_961_002,
        categories: {
          commit: { count: 1, amount: 2_000_000, weighted: 1_600_000 },
          'best-case': { count: 3, amount: 602_004, weighted: 361_002 },
          pipeline: EMPTY,
          omitted: EMPTY,
        },
        closedWon: { count: 1, amount: 700_000 },
        expected: 2_661_002, // 700 000 + 1 961 002
      });
      // July: D6 pipeline (83); D8 omitted (90 000, not in the weighted total).
      expect(july).toMatchObject({
        open: { count: 2, amount: 300_333, weighted: 90_083 },
        weighted: 83,
        categories: {
          pipeline: { count: 1, amount: 333, weighted: 83 },
          omitted: { count: 1, amount: 300_000, weighted: 90_000 },
        },
        closedWon: { count: 0, amount: 0 },
        expected: 83,
      });
      // August: D11 pipeline, 10% of 250 000.
      expect(august).toMatchObject({
        open: { count: 1, amount: 250_000, weighted: 25_000 },
        weighted: 25_000,
        expected: 25_000,
      });
      expect(forecast.totals).toEqual({
        open: { count: 7, amount: 3_152_337, weighted: 2_076_085 },
        weighted: 1_986_085, // 1 961 002 + 83 + 25 000
        categories: {
          commit: { count: 1, amount: 2_000_000, weighted: 1_600_000 },
          'best-case': { count: 3, amount: 602_004, weighted: 361_002 },
          pipeline: { count: 2, amount: 250_333, weighted: 25_083 },
          omitted: { count: 1, amount: 300_000, weighted: 90_000 },
        },
        closedWon: { count: 1, amount: 700_000 },
        expected: 2_686_085,
      });
    });

    it('forecast per quarter for one pipeline', async () => {
      const forecast = await service().forecast(t.admin, {
        pipeline: 'new-business',
        from: '2026-04-01',
        to: '2026-10-01',
        period: 'quarter',
      });
      expect(forecast.currency).toBe('EUR');
      const [q2, q3] = forecast.periods;
      // Q2: D4, D5, D7 open (500 + 502 + 1 600 000); D3 (04-02) and D9 (06-10) won.
      expect(q2).toMatchObject({
        period: '2026-Q2',
        open: { count: 3, amount: 2_002_004, weighted: 1_601_002 },
        weighted: 1_601_002,
        closedWon: { count: 2, amount: 1_500_000 },
        expected: 3_101_002,
      });
      // Q3: D6 (83), D8 (omitted, 90 000), D11 (25 000).
      expect(q3).toMatchObject({
        period: '2026-Q3',
        open: { count: 3, amount: 550_333, weighted: 115_083 },
        weighted: 25_083,
        closedWon: { count: 0, amount: 0 },
      });
    });

    it('refuses a sum over mixed currencies with a 400 naming them', async () => {
      // U1 is in USD: without a currency filter the forecast over all pipelines mixes EUR and USD.
      await expect(
        service().forecast(t.admin, { from: '2026-06-01', to: '2026-09-01' }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('several currencies (EUR, USD)'),
        errors: [{ path: 'currency', rule: 'sales.currency' }],
      });
      const usd = await service().forecast(t.admin, {
        from: '2026-06-01',
        to: '2026-09-01',
        currency: 'USD',
      });
      expect(usd.totals.open).toEqual({ count: 1, amount: 100_000, weighted: 10_000 });
    });

    it('velocity: average days per stage from the stage history, and the sales cycle', async () => {
      const velocity = await service().velocity(t.admin, {
        pipeline: 'new-business',
        from: '2026-01-01',
        to: '2026-07-01',
      });
      expect(velocity.stages).toEqual([
        // D1 10, D2 10, D3 10, D4 10, D5 30, D6 10, D7 10, D9 10, D10 16 → 116 / 9
        { stage: 'qualification', name: 'Qualification', stays: 9, avgDays: 12.89 },
        // D1 20, D2 20, D3 20, D4 30, D7 10, D9 12 → 112 / 6
        { stage: 'needs-analysis', name: 'Needs analysis', stays: 6, avgDays: 18.67 },
        // D1 10, D3 30, D7 20, D9 9 → 69 / 4
        { stage: 'proposal', name: 'Proposal', stays: 4, avgDays: 17.25 },
        // D1 15
        { stage: 'negotiation', name: 'Negotiation', stays: 1, avgDays: 15 },
      ]);
      // D1 55 days, D3 60, D9 31 → 146 / 3
      expect(velocity.won).toEqual({ count: 3, avgCycleDays: 48.67 });
    });

    it('metrics over the first half of 2026', async () => {
      const period = { from: Date.parse('2026-01-01T00:00:00Z'), to: Date.parse('2026-07-01T00:00:00Z') };
      const value = async (id: string, actor = t.admin, params: Record<string, unknown> = {}) =>
        (await t.kernel.metrics.compute(id, period, { actor, params })).value;
      expect(await value('sales.revenue')).toBe(2_500_000); // orders of D1, D3, D9
      expect(await value('sales.pipelineValue')).toBe(2_602_004); // D4 D5 D7 R1 close by June
      expect(await value('sales.winRate')).toBe(0.6); // won D1 D3 D9, lost D2 D10
      expect(await value('sales.avgDealSize')).toBe(833_333); // 2 500 000 / 3 = 833 333.33
      expect(await value('sales.cycleDays')).toBe(48.67);
      expect(await value('sales.newCustomers')).toBe(2); // C1 (D1), C2 (D9)
      expect(await value('sales.crossSellRate')).toBeCloseTo(1 / 3, 12); // D3
      // the orders of D1 and D3 are C1's, D9's is C2's: 2 500 000 / 2 buying customers
      expect(await value('sales.revenuePerCustomer')).toBe(1_250_000);
      expect(await value('sales.repeatPurchaseRate')).toBe(0.5); // C1 ordered twice, C2 once
      // 11 EUR deals opened (D1–D10, R1) × 3 won of 5 closed × 2 500 000 / 3 ÷ 146 / 3 days
      // = 11 × 3 × 2 500 000 ÷ (5 × 146) = 113 013.7 a day
      expect(await value('sales.pipelineVelocity')).toBe(113_014);
      const before = { from: Date.parse('2025-01-01T00:00:00Z'), to: Date.parse('2025-07-01T00:00:00Z') };
      for (const id of ['sales.revenuePerCustomer', 'sales.repeatPurchaseRate', 'sales.pipelineVelocity'])
        expect((await t.kernel.metrics.compute(id, before, { actor: t.admin })).value, id).toBeNull();
    });

    it('metrics as a rep count only the rep’s own records; parameters narrow them', async () => {
      const period = { from: Date.parse('2026-01-01T00:00:00Z'), to: Date.parse('2026-07-01T00:00:00Z') };
      const rep = (id: string) => ({ id, kind: 'user' as const, roles: ['salesRep'] });
      const value = async (id: string, actor = t.admin, params: Record<string, unknown> = {}) =>
        (await t.kernel.metrics.compute(id, period, { actor, params })).value;
      // Every deal of the dataset is rep-1's: rep-1 sees the admin's figures, rep-2 none of them.
      expect(await value('sales.pipelineValue', rep('rep-1'))).toBe(2_602_004);
      expect(await value('sales.revenue', rep('rep-1'))).toBe(2_500_000);
      expect(await value('sales.pipelineValue', rep('rep-2'))).toBe(0);
      expect(await value('sales.revenue', rep('rep-2'))).toBe(0);
      expect(await value('sales.winRate', rep('rep-2'))).toBeNull();
      expect(await value('sales.newCustomers', rep('rep-2'))).toBe(0);
      expect(await value('sales.revenuePerCustomer', rep('rep-2'))).toBeNull();
      expect(await value('sales.pipelineVelocity', rep('rep-2'))).toBeNull();
      expect(await value('sales.revenuePerCustomer', rep('rep-1'))).toBe(1_250_000);
      // The admin narrows by owner or pipeline; a rep asking for someone else's gets nothing more.
      expect(await value('sales.pipelineValue', t.admin, { ownerId: 'rep-2' })).toBe(0);
      expect(await value('sales.pipelineValue', t.admin, { ownerId: 'rep-1' })).toBe(2_602_004);
      expect(await value('sales.winRate', t.admin, { pipeline: 'renewals' })).toBeNull();
      expect(await value('sales.revenue', rep('rep-2'), { ownerId: 'rep-1' })).toBe(0);
      await expect(value('sales.revenue', t.admin, { pipeline: 'renewals' })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ path: 'pipeline', rule: 'unknown' }],
      });
    });

    it('gives 30 concurrent leads to 3 owners round-robin: exactly 10 each', async () => {
      await t.data<SalesRule>('salesRule').create({
        name: 'Web leads round-robin',
        trigger: { type: 'lead.created' },
        where: { source: 'web' },
        actions: [{ type: 'assignOwner', roundRobin: ['ana', 'ben', 'caro'] }],
      });
      const leads = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          t.data<Lead>('lead').create({ name: `Lead ${i}`, source: 'web' }),
        ),
      );
      const owners = new Map<string, number>();
      for (const lead of leads) owners.set(String(lead.ownerId), (owners.get(String(lead.ownerId)) ?? 0) + 1);
      expect(Object.fromEntries(owners)).toEqual({ ana: 10, ben: 10, caro: 10 });
      const rows = await t
        .data<Lead>('lead')
        .aggregate({ where: { source: 'web' }, groupBy: ['ownerId'], measures: { n: 'count' } });
      expect(rows).toEqual([
        { ownerId: 'ana', n: 10 },
        { ownerId: 'ben', n: 10 },
        { ownerId: 'caro', n: 10 },
      ]);
    }, 60_000);
  });
}
