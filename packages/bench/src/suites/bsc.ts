import { type Actor, createKernel, memoryStore, SYSTEM_ACTOR } from '@rapport/core';
import { BSC, bsc, type Kpi, type Objective, periodAt, shiftPeriod } from '@rapport/plugin-bsc';
import { customers } from '@rapport/plugin-customers';
import { seedDemoCustomers } from '@rapport/plugin-customers/demo';
import { loyalty } from '@rapport/plugin-loyalty';
import { seedDemoLoyalty } from '@rapport/plugin-loyalty/demo';
import { messaging } from '@rapport/plugin-messaging';
import { sales } from '@rapport/plugin-sales';
import { seedDemoSales } from '@rapport/plugin-sales/demo';
import { tickets } from '@rapport/plugin-tickets';
import { seedDemoTickets } from '@rapport/plugin-tickets/demo';
import { pino } from 'pino';
import { median } from '../measure.js';
import { type Row, toMarkdown } from '../report.js';

const ROUNDS = 5;

const row = (suite: string, name: string, ms: number, ratio?: number): Row => ({
  suite,
  name: `${name} (${ms.toFixed(0)} ms)`,
  opsPerSec: 1_000 / ms,
  meanUs: ms * 1_000,
  p99Us: Number.NaN,
  samples: ROUNDS,
  ...(ratio === undefined ? {} : { ratio }),
});

/**
 * Evaluating the quickstart's template scorecard (customer intimacy, monthly; every metric KPI
 * live: customers, sales, tickets and loyalty installed) for the last ended month, beside the
 * baseline of computing the same metrics directly through the registry in the same run (once
 * each, as the same caller). Rounds alternate; figures are medians. `history 3` is the default
 * evaluation (the trend reads the three previous open months live too).
 */
export async function bscSuite(options: { sizes: number[] }): Promise<Row[]> {
  const rows: Row[] = [];
  for (const count of options.sizes) {
    const suite = `bsc scorecard @${count.toLocaleString('en-US')} customers`;
    const kernel = await createKernel({
      store: memoryStore(),
      logger: pino({ level: 'warn' }),
      jobs: { timer: false },
      plugins: [customers(), sales(), messaging(), tickets(), loyalty(), bsc()],
    });
    await kernel.start();
    const now = kernel.clock.now();
    const seeding = performance.now();
    await seedDemoCustomers(kernel, { count, seed: 1, now, batchSize: 100 });
    await seedDemoSales(kernel, { deals: Math.round(count / 5), seed: 1, now });
    await seedDemoTickets(kernel, { tickets: Math.round(count / 50), seed: 1 });
    await seedDemoLoyalty(kernel, { members: Math.round(count / 20) });
    console.error(`${suite}: seeded in ${((performance.now() - seeding) / 1_000).toFixed(0)} s`);
    const admin: Actor = { id: 'bench-admin', kind: 'user', roles: ['admin'] };
    const service = kernel.resolve(BSC);
    const { scorecard } = await service.fromTemplate(
      { valueProposition: 'customerIntimacy', periodKind: 'month' },
      admin,
    );
    const objectives = await kernel.data<Objective>('bscObjective', { actor: SYSTEM_ACTOR }).find({
      where: { scorecardId: scorecard.id },
      limit: 100,
    });
    const kpis = await kernel.data<Kpi>('bscKpi', { actor: SYSTEM_ACTOR }).find({
      where: { objectiveId: { in: objectives.items.map((o) => o.id) } },
      limit: 100,
    });
    const metrics = [...new Set(kpis.items.flatMap((k) => (k.metric ? [k.metric] : [])))];
    const period = shiftPeriod(periodAt(now, 'month', scorecard.timeZone), -1, scorecard.timeZone);
    const direct = async () => {
      for (const id of metrics)
        await kernel.metrics.compute(id, { from: period.from, to: period.to }, { actor: admin });
    };
    const evaluate = (history: number) => () =>
      service.evaluate({ scorecardId: scorecard.id, period: period.key, actor: admin, history });
    const check = await evaluate(0)();
    const live = check.perspectives
      .flatMap((p) => p.objectives.flatMap((o) => o.kpis))
      .filter((k) => k.source === 'metric');
    const withData = live.filter((k) => k.actual !== null).length;
    const times: Record<string, number[]> = { direct: [], now: [], trend: [] };
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [name, run] of [
        ['direct', direct],
        ['now', evaluate(0)],
        ['trend', evaluate(3)],
      ] as const) {
        const started = performance.now();
        await run();
        times[name]?.push(performance.now() - started);
      }
    }
    const base = median(times.direct ?? []);
    rows.push(row(suite, `baseline: ${metrics.length} metrics computed directly, once each`, base));
    const now0 = median(times.now ?? []);
    rows.push(
      row(
        suite,
        `evaluate ${live.length} metric KPIs (${withData} with data) + 3 manual, history 0`,
        now0,
        base / now0,
      ),
    );
    const trend = median(times.trend ?? []);
    rows.push(row(suite, 'evaluate, history 3 (default: 4 months live)', trend, base / trend));
    await kernel.stop();
    // One size can take long on a loaded machine: its rows are printed as soon as they are measured.
    console.error(toMarkdown(rows.slice(-3)));
  }
  return rows;
}
