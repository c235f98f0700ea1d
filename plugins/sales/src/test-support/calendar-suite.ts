import { type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import type { Customer } from '@rapport/plugin-customers';
import type { TestKernel } from '@rapport/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deal, DealRecord } from '../entities/deal.js';
import { SALES } from '../service.js';
import { bootSales } from './boot.js';
import type { StoreFactory } from './report-suite.js';

/** A deal of the boundary datasets: won at an instant, or open with an expected close date. */
interface BoundaryDeal {
  name: string;
  amount: number;
  wonAt?: string;
  expectedCloseDate?: string;
  openedAt?: string;
}

/** Writes deals in new-business (won ones straight into `won`, back-dated); answers them by name. */
async function writeDeals(kernel: Kernel, specs: BoundaryDeal[]): Promise<Map<string, DealRecord>> {
  const customer = await kernel
    .data<Customer>('customer', { actor: SYSTEM_ACTOR })
    .create({ kind: 'organisation', name: 'Boundary Ltd' });
  const deals = kernel.data<Deal>('deal', { actor: SYSTEM_ACTOR });
  const out = new Map<string, DealRecord>();
  for (const spec of specs) {
    const deal = (await deals.create({
      title: spec.name,
      customerId: customer.id,
      pipeline: 'new-business',
      amount: { amount: spec.amount, currency: 'EUR' },
      openedAt: spec.openedAt ?? '2026-06-01T09:00:00.000Z',
      ...(spec.wonAt ? { stage: 'won', stageEnteredAt: spec.wonAt } : {}),
      ...(spec.expectedCloseDate ? { expectedCloseDate: spec.expectedCloseDate } : {}),
    })) as DealRecord;
    out.set(spec.name, deal);
  }
  return out;
}

/**
 * Europe/Berlin is UTC+1 in winter, UTC+2 in summer: a deal won at 00:30 local on the first day
 * of a period is still the previous day in UTC, so UTC months put it a period too early. Each
 * amount is a distinct power of two, so a sum names the deals in it.
 */
const BERLIN_DEALS: BoundaryDeal[] = [
  { name: 'won 12 Jan', amount: 1_000, wonAt: '2027-01-12T09:00:00.000Z' },
  { name: 'won 5 Oct', amount: 128_000, wonAt: '2026-10-05T09:00:00.000Z' },
  { name: 'won 23:30 30 Sep', amount: 2_000, wonAt: '2026-09-30T21:30:00.000Z' },
  { name: 'won 00:30 1 Oct', amount: 4_000, wonAt: '2026-09-30T22:30:00.000Z' },
  { name: 'won 23:30 31 Dec', amount: 8_000, wonAt: '2026-12-31T22:30:00.000Z' },
  { name: 'won 00:30 1 Jan', amount: 16_000, wonAt: '2026-12-31T23:30:00.000Z' },
  { name: 'won 00:30 1 Nov', amount: 32_000, wonAt: '2026-10-31T23:30:00.000Z' },
  { name: 'won 23:30 30 Nov', amount: 64_000, wonAt: '2026-11-30T22:30:00.000Z' },
  // Opened 00:30 local on 1 December (23:30 UTC on 30 November).
  {
    name: 'open 31 Dec',
    amount: 100_000,
    expectedCloseDate: '2026-12-31',
    openedAt: '2026-11-30T23:30:00.000Z',
  },
  { name: 'open 2 Jan', amount: 200_000, expectedCloseDate: '2027-01-02' },
  { name: 'open 30 Sep', amount: 400_000, expectedCloseDate: '2026-09-30' },
];

/** America/New_York is UTC-5 in winter: 23:30 local on 31 December is already 2027 in UTC. */
const NEW_YORK_DEALS: BoundaryDeal[] = [
  { name: 'won 23:30 31 Dec', amount: 1_000, wonAt: '2027-01-01T04:30:00.000Z' },
  { name: 'won 00:30 1 Jan', amount: 2_000, wonAt: '2027-01-01T05:30:00.000Z' },
];

/**
 * The forecast at calendar boundaries in a deployment time zone, on any store: a quarter asked
 * for in its last month starts on its first day, deals won near local midnight fall in the
 * period of their local date (month, quarter, year), given ranges widen to whole periods, and a
 * report's date bounds are local dates. Run on the memory store and on PostgreSQL, where the
 * aggregates are SQL.
 */
export function describeCalendarBoundaries(name: string, factory: () => StoreFactory): void {
  describe(`forecast periods at calendar boundaries on ${name}`, () => {
    let berlin: TestKernel;
    let newYork: TestKernel;
    let berlinDeals: Map<string, DealRecord>;
    let newYorkDeals: Map<string, DealRecord>;
    const cleanups: Array<() => Promise<void>> = [];
    const boot = async (timeZone: string, now: string) => {
      const made = factory();
      if (made.cleanup) cleanups.push(made.cleanup);
      return bootSales({ now, timeZone, store: await made.create() });
    };

    beforeAll(async () => {
      // 20 March 2027: the last month of Q1, still in winter time (summer time starts on the 28th).
      berlin = await boot('Europe/Berlin', '2027-03-20T10:00:00.000Z');
      berlinDeals = await writeDeals(berlin.kernel, BERLIN_DEALS);
      newYork = await boot('America/New_York', '2027-01-10T15:00:00.000Z');
      newYorkDeals = await writeDeals(newYork.kernel, NEW_YORK_DEALS);
    }, 120_000);
    afterAll(async () => {
      await berlin?.stop();
      await newYork?.stop();
      for (const cleanup of cleanups) await cleanup();
    });

    it('covers the whole quarter when asked in its last month, and the next two', async () => {
      const forecast = await berlin.kernel.resolve(SALES).forecast(berlin.admin, { period: 'quarter' });
      expect(forecast).toMatchObject({
        timeZone: 'Europe/Berlin',
        from: '2026-12-31T23:00:00.000Z', // 1 January, 00:00 CET
        to: '2027-09-30T22:00:00.000Z', // 1 October, 00:00 CEST
      });
      expect(forecast.periods.map((p) => p.period)).toEqual(['2027-Q1', '2027-Q2', '2027-Q3']);
      expect(forecast.periods[0]).toMatchObject({
        from: '2026-12-31T23:00:00.000Z',
        to: '2027-03-31T22:00:00.000Z', // 1 April, 00:00 CEST
        // 12 January (the first month) and 00:30 local on 1 January.
        closedWon: { count: 2, amount: 1_000 + 16_000 },
        open: { count: 1, amount: 200_000, weighted: 20_000 }, // expected 2 January
      });
    });

    it('spans the year end: Q4 and Q1 hold the deals of their local dates', async () => {
      const forecast = await berlin.kernel
        .resolve(SALES)
        .forecast(berlin.admin, { period: 'quarter', from: '2026-12-01', to: '2027-01-15' });
      expect(forecast).toMatchObject({ from: '2026-09-30T22:00:00.000Z', to: '2027-03-31T22:00:00.000Z' });
      const [q4, q1] = forecast.periods;
      expect(forecast.periods.map((p) => p.period)).toEqual(['2026-Q4', '2027-Q1']);
      expect(q4).toMatchObject({
        from: '2026-09-30T22:00:00.000Z',
        to: '2026-12-31T23:00:00.000Z',
        // 5 Oct, 00:30 1 Oct, 23:30 31 Dec, 00:30 1 Nov, 23:30 30 Nov.
        closedWon: { count: 5, amount: 128_000 + 4_000 + 8_000 + 32_000 + 64_000 },
        open: { count: 1, amount: 100_000, weighted: 10_000 }, // expected 31 Dec
      });
      expect(q1).toMatchObject({
        closedWon: { count: 2, amount: 1_000 + 16_000 }, // 12 Jan, 00:30 local on 1 Jan
        open: { count: 1, amount: 200_000, weighted: 20_000 }, // expected 2 Jan
      });
      // 30 September is Q3: outside the range, so in no period and not in the totals.
      expect(forecast.totals).toMatchObject({
        open: { count: 2, amount: 300_000 },
        closedWon: { count: 7, amount: 253_000 },
      });
    });

    it('puts a deal won at 23:30 and one won at 00:30 local time in the quarter of their local date', async () => {
      const q3 = await berlin.kernel
        .resolve(SALES)
        .forecast(berlin.admin, { period: 'quarter', from: '2026-09-01', to: '2026-10-01' });
      expect(q3.periods).toEqual([
        expect.objectContaining({
          period: '2026-Q3',
          from: '2026-06-30T22:00:00.000Z',
          to: '2026-09-30T22:00:00.000Z',
          closedWon: { count: 1, amount: 2_000 }, // 23:30 on 30 September, not 00:30 on 1 October
          open: { count: 1, amount: 400_000, weighted: 40_000 },
        }),
      ]);
      // West of UTC the other way round: 23:30 on 31 December in New York is 04:30 UTC in 2027.
      const ny = await newYork.kernel
        .resolve(SALES)
        .forecast(newYork.admin, { period: 'quarter', from: '2026-12-15', to: '2027-01-05' });
      expect(ny).toMatchObject({ from: '2026-10-01T04:00:00.000Z', to: '2027-04-01T04:00:00.000Z' });
      expect(ny.periods).toEqual([
        expect.objectContaining({
          period: '2026-Q4',
          to: '2027-01-01T05:00:00.000Z',
          closedWon: { count: 1, amount: 1_000 },
        }),
        expect.objectContaining({ period: '2027-Q1', closedWon: { count: 1, amount: 2_000 } }),
      ]);
    });

    it('widens a given range to whole months and buckets wins by their local month', async () => {
      const forecast = await berlin.kernel
        .resolve(SALES)
        .forecast(berlin.admin, { period: 'month', from: '2026-11-15', to: '2026-12-02' });
      expect(forecast).toMatchObject({ from: '2026-10-31T23:00:00.000Z', to: '2026-12-31T23:00:00.000Z' });
      expect(forecast.periods.map((p) => [p.period, p.closedWon])).toEqual([
        ['2026-11', { count: 2, amount: 32_000 + 64_000 }], // 00:30 1 Nov and 23:30 30 Nov
        ['2026-12', { count: 1, amount: 8_000 }], // 23:30 31 Dec, not 00:30 1 Jan
      ]);
      const october = await berlin.kernel
        .resolve(SALES)
        .forecast(berlin.admin, { from: '2026-10-10', to: '2026-10-11T12:00' });
      expect(october.periods).toEqual([
        // 5 Oct and 00:30 1 Oct; not 00:30 1 Nov.
        expect.objectContaining({ period: '2026-10', closedWon: { count: 2, amount: 128_000 + 4_000 } }),
      ]);
      // The default month forecast: this month and the next two, across the change to summer time.
      const byDefault = await berlin.kernel.resolve(SALES).forecast(berlin.admin);
      expect(byDefault.periods.map((p) => p.period)).toEqual(['2027-03', '2027-04', '2027-05']);
      expect(byDefault).toMatchObject({ from: '2027-02-28T23:00:00.000Z', to: '2027-05-31T22:00:00.000Z' });
      expect(byDefault.periods[0]).toMatchObject({ to: '2027-03-31T22:00:00.000Z' });
    });

    it('metrics over a local quarter count expected close dates and wins by their local date', async () => {
      const q4 = { from: Date.parse('2026-09-30T22:00:00.000Z'), to: Date.parse('2026-12-31T23:00:00.000Z') };
      const value = async (id: string) =>
        (await berlin.kernel.metrics.compute(id, q4, { actor: berlin.admin })).value;
      // Open and expected 31 Dec (in Q4); not 30 Sep, which a UTC date of the start would take in.
      expect(await value('sales.pipelineValue')).toBe(100_000);
      // The wins of Q4's local dates, as the forecast buckets them.
      expect(await value('sales.avgDealSize')).toBe((128_000 + 4_000 + 8_000 + 32_000 + 64_000) / 5);
    });

    it('writes closedMonth on the local calendar', () => {
      expect(berlinDeals.get('won 00:30 1 Jan')?.closedMonth).toBe('2027-01');
      expect(berlinDeals.get('won 23:30 31 Dec')?.closedMonth).toBe('2026-12');
      expect(berlinDeals.get('won 00:30 1 Oct')?.closedMonth).toBe('2026-10');
      expect(newYorkDeals.get('won 23:30 31 Dec')?.closedMonth).toBe('2026-12');
    });

    it('reads report dates as local dates: the funnel of December starts at local midnight', async () => {
      const funnel = await berlin.kernel
        .resolve(SALES)
        .funnel(berlin.admin, { pipeline: 'new-business', from: '2026-12-01', to: '2027-01-01' });
      expect(funnel).toMatchObject({
        from: '2026-11-30T23:00:00.000Z',
        to: '2026-12-31T23:00:00.000Z',
        deals: { count: 1, amount: 100_000 }, // opened 00:30 local on 1 December
      });
    });

    it('refuses a range of more than 120 periods, naming the field', async () => {
      await expect(
        berlin.kernel.resolve(SALES).forecast(berlin.admin, { from: '2020-01-01', to: '2030-01-02' }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ path: 'to', rule: 'sales.period' }],
      });
      const longest = await berlin.kernel
        .resolve(SALES)
        .forecast(berlin.admin, { from: '2020-01-01', to: '2030-01-01' });
      expect(longest.periods).toHaveLength(120);
    });
  });
}
