import { createSeededRandom, type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import type { Initiative } from '../entities/initiative.js';
import type { Kpi } from '../entities/kpi.js';
import type { Objective } from '../entities/objective.js';
import type { Reading } from '../entities/reading.js';
import { periodAt, shiftPeriod } from '../periods/period.js';
import { BSC } from '../service.js';
import { findAll } from '../util/find-all.js';
import type { ValueProposition } from '../vocabulary.js';

/** Options of {@link seedDemoBsc}. */
export interface SeedBscOptions {
  /** The value proposition of the demo scorecard (default customer intimacy). */
  valueProposition?: ValueProposition;
  /** Closed monthly periods before the current one (default 12: a year). */
  months?: number;
  /** Same seed, same manual readings (default 1). */
  seed?: number;
}

/** What {@link seedDemoBsc} wrote. */
export interface SeedBscReport {
  skipped: boolean;
  scorecardId?: string;
  objectives: number;
  kpis: number;
  readings: number;
  closed: number;
}

/** Learning-and-growth readings of the demo: a base and a monthly drift per manual KPI. */
const MANUAL: Record<string, { base: number; drift: number; spread: number }> = {
  'CRM training hours per person': { base: 2.5, drift: 0.15, spread: 0.6 },
  'Knowledge-base articles used': { base: 30, drift: 2, spread: 8 },
  'Staff satisfaction (1–5)': { base: 3.4, drift: 0.04, spread: 0.3 },
};

const INITIATIVES: ReadonlyArray<[objective: string, name: string, months: number, budget: number]> = [
  ['CRM skills', 'CRM academy: two hours a month for every customer-facing person', 3, 1_200_000],
  ['Shared customer knowledge', 'Knowledge base for the twenty most asked questions', 2, 400_000],
  ['Retain customers through service', 'Call back every complaint within one working day', 1, 0],
];

/**
 * Seeds a monthly scorecard from the template of a value proposition (its metric KPIs read live
 * from whatever plugins are installed, its targets from the last month's data), manual readings
 * for the learning-and-growth KPIs, three initiatives, and closes the `months` periods before the
 * current one (oldest first, so each close's trend reads the snapshots before it). A no-op when a
 * scorecard exists.
 */
export async function seedDemoBsc(kernel: Kernel, options: SeedBscOptions = {}): Promise<SeedBscReport> {
  if ((await kernel.data('scorecard', { actor: SYSTEM_ACTOR }).count()) > 0) {
    return { skipped: true, objectives: 0, kpis: 0, readings: 0, closed: 0 };
  }
  const months = options.months ?? 12;
  const random = createSeededRandom(options.seed ?? 1);
  const bsc = kernel.resolve(BSC);
  const made = await bsc.fromTemplate(
    {
      valueProposition: options.valueProposition ?? 'customerIntimacy',
      periodKind: 'month',
      name: 'Company scorecard',
    },
    SYSTEM_ACTOR,
  );
  const { scorecard } = made;
  const zone = scorecard.timeZone;
  const current = periodAt(kernel.clock.now(), 'month', zone);
  const periods = Array.from({ length: months + 1 }, (_, i) => shiftPeriod(current, i - months, zone));
  const objectives = await findAll(kernel.data<Objective>('bscObjective', { actor: SYSTEM_ACTOR }), {
    scorecardId: scorecard.id,
  });
  const kpis = await findAll(kernel.data<Kpi>('bscKpi', { actor: SYSTEM_ACTOR }), {
    objectiveId: { in: objectives.map((o) => o.id) },
    source: 'manual',
  });
  let readings = 0;
  for (const kpi of kpis) {
    const shape = MANUAL[kpi.name];
    if (!shape) continue;
    for (const [i, period] of periods.entries()) {
      const value = shape.base + shape.drift * i + (random.next() - 0.5) * shape.spread;
      await kernel.data<Reading>('bscReading', { actor: SYSTEM_ACTOR }).create({
        kpiId: kpi.id,
        period: period.key,
        kind: 'manual',
        value: Math.round(value * 100) / 100,
        comment: 'From the HR report',
      });
      readings += 1;
    }
  }
  const byName = new Map(objectives.map((o) => [o.name, o.id]));
  for (const [objective, name, inMonths, budget] of INITIATIVES) {
    const objectiveId = byName.get(objective);
    if (!objectiveId) continue;
    const due = shiftPeriod(current, inMonths, zone);
    await kernel.data<Initiative>('bscInitiative', { actor: SYSTEM_ACTOR }).create({
      objectiveId,
      name,
      dueDate: new Date(due.from).toISOString().slice(0, 10),
      status: inMonths === 1 ? 'inProgress' : 'planned',
      ...(budget > 0 ? { budget: { amount: budget, currency: 'EUR' } } : {}),
    });
  }
  let closed = 0;
  for (const period of periods.slice(0, months)) {
    if ((await bsc.close({ scorecardId: scorecard.id, period: period.key })).closedNow) closed += 1;
  }
  return {
    skipped: false,
    scorecardId: scorecard.id,
    objectives: made.objectives,
    kpis: made.kpis,
    readings,
    closed,
  };
}
