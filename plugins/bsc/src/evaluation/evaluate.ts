import { type Actor, type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import type { KpiRecord } from '../entities/kpi.js';
import type { ObjectiveRecord } from '../entities/objective.js';
import type { ReadingRecord } from '../entities/reading.js';
import type { BscOptions } from '../options.js';
import { type Period, shiftPeriod } from '../periods/period.js';
import { findAll } from '../util/find-all.js';
import { PERSPECTIVES } from '../vocabulary.js';
import type {
  Actual,
  Evaluation,
  KpiEvaluation,
  ObjectiveEvaluation,
  PerspectiveEvaluation,
  Trend,
  TrendPoint,
} from './evaluation-types.js';
import { closesOf, loadScorecard, type ScorecardModel, scorecardPeriod } from './load-scorecard.js';
import { actualReader, EVALUATING } from './read-actual.js';
import { defaultRedAt, judge, statusOfScore, weightedScore } from './score.js';
import { targetFor } from './target.js';

/** What to evaluate. */
export interface EvaluateInput {
  scorecardId: string;
  /** A period key of the scorecard's kind; default the current period. */
  period?: string;
  actor: Actor;
  /** How many previous periods the trend compares against (default the plugin's `trendPeriods`). */
  history?: number;
}

/**
 * Evaluates a scorecard for one period. A closed period answers the evaluation frozen at its close.
 * An open one is computed now: each active KPI's actual (live from its metric as the caller, or its
 * manual reading), target, status, score and trend; then each objective's, perspective's and the
 * overall weighted score over the parts that have data.
 */
export async function evaluateScorecard(
  kernel: Kernel,
  options: BscOptions,
  input: EvaluateInput,
): Promise<Evaluation> {
  const model = await loadScorecard(kernel, input.scorecardId, input.actor);
  const period = scorecardPeriod(model.scorecard, input.period, kernel.clock.now());
  const close = (await closesOf(kernel, model.scorecard.id, [period.key])).get(period.key);
  if (close) return close.evaluation as unknown as Evaluation;
  return evaluateOpen(kernel, options, model, period, input.actor, input.history ?? options.trendPeriods);
}

/** Evaluates an open period live (also what the period close freezes). */
export async function evaluateOpen(
  kernel: Kernel,
  options: BscOptions,
  model: ScorecardModel,
  period: Period,
  actor: Actor,
  history: number,
): Promise<Evaluation> {
  const { scorecard, objectives, kpis } = model;
  const zone = scorecard.timeZone;
  const previous = Array.from({ length: history }, (_, i) => shiftPeriod(period, i - history, zone));
  const closes = await closesOf(
    kernel,
    scorecard.id,
    previous.map((p) => p.key),
  );
  const readings = await readingsOf(
    kernel,
    kpis,
    [period, ...previous].map((p) => p.key),
  );
  const manual = new Map<string, number>();
  const snapshots = new Map<string, number | null>();
  for (const reading of readings) {
    const key = `${reading.kpiId}|${reading.period}`;
    if (reading.kind === 'manual' && reading.value !== undefined) manual.set(key, reading.value);
    if (reading.kind === 'snapshot' && closes.has(reading.period)) snapshots.set(key, reading.value ?? null);
  }
  const read = actualReader(kernel, actor, manual);
  const chain = [...(EVALUATING.getStore() ?? []), scorecard.id];

  const evaluateKpi = async (kpi: KpiRecord): Promise<Omit<KpiEvaluation, 'share'>> => {
    const [actual, ...before] = await Promise.all([
      read(kpi, period),
      ...previous.map(async (p): Promise<TrendPoint> => {
        const key = `${kpi.id}|${p.key}`;
        if (closes.has(p.key)) return { period: p.key, actual: snapshots.get(key) ?? null };
        const value = await read(kpi, p);
        return { period: p.key, actual: 'value' in value ? value.value : null };
      }),
    ]);
    return kpiEvaluation(kpi, period, zone, actual as Actual, before as TrendPoint[]);
  };
  const evaluated = await EVALUATING.run(chain, () => Promise.all(kpis.map(evaluateKpi)));

  const byObjective = new Map<string, Array<Omit<KpiEvaluation, 'share'>>>();
  for (const kpi of evaluated) {
    const objectiveId = kpis.find((k) => k.id === kpi.id)?.objectiveId as string;
    byObjective.set(objectiveId, [...(byObjective.get(objectiveId) ?? []), kpi]);
  }
  const bands = options.statusBands;
  const perspectives: PerspectiveEvaluation[] = PERSPECTIVES.map((perspective) => {
    const own = objectives.filter((o) => o.perspective === perspective).sort(byMapOrder);
    const objectiveParts: Array<Omit<ObjectiveEvaluation, 'share'>> = own.map((objective) => {
      const parts = (byObjective.get(objective.id) ?? []).sort(
        (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
      );
      const { score, shares } = weightedScore(parts);
      return {
        id: objective.id,
        name: objective.name,
        perspective,
        ...(objective.process ? { process: objective.process } : {}),
        weight: objective.weight,
        score,
        status: statusOfScore(score, bands),
        kpis: parts.map((part, i) => ({ ...part, share: shares[i] as number })),
      };
    });
    const { score, shares } = weightedScore(objectiveParts);
    return {
      perspective,
      weight: scorecard.weights?.[perspective] ?? 1,
      score,
      status: statusOfScore(score, bands),
      objectives: objectiveParts.map((part, i) => ({ ...part, share: shares[i] as number })),
    } as Omit<PerspectiveEvaluation, 'share'> as PerspectiveEvaluation;
  });
  const overall = weightedScore(perspectives);
  perspectives.forEach((p, i) => {
    p.share = overall.shares[i] as number;
  });
  return {
    scorecard: {
      id: scorecard.id,
      name: scorecard.name,
      valueProposition: scorecard.valueProposition,
      timeZone: zone,
    },
    period: {
      key: period.key,
      kind: period.kind,
      from: new Date(period.from).toISOString(),
      to: new Date(period.to).toISOString(),
      closed: false,
    },
    score: overall.score,
    status: statusOfScore(overall.score, bands),
    perspectives,
    evaluatedAt: new Date(kernel.clock.now()).toISOString(),
  };
}

/** Objectives within a band: by `order`, then name, then id (the strategy map uses it too). */
export function byMapOrder(a: ObjectiveRecord, b: ObjectiveRecord): number {
  return (a.order ?? 1000) - (b.order ?? 1000) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

async function readingsOf(
  kernel: Kernel,
  kpis: readonly KpiRecord[],
  periods: readonly string[],
): Promise<ReadingRecord[]> {
  if (kpis.length === 0) return [];
  return (await findAll(kernel.data('bscReading', { actor: SYSTEM_ACTOR }), {
    kpiId: { in: kpis.map((k) => k.id) },
    period: { in: [...periods] },
  })) as ReadingRecord[];
}

function kpiEvaluation(
  kpi: KpiRecord,
  period: Period,
  zone: string,
  actual: Actual,
  previous: TrendPoint[],
): Omit<KpiEvaluation, 'share'> {
  const target = targetFor(kpi, period, zone);
  const thresholds = {
    greenAt: kpi.greenAt,
    redAt: kpi.redAt ?? defaultRedAt(kpi.direction),
    direction: kpi.direction,
  };
  const base = {
    id: kpi.id,
    name: kpi.name,
    source: kpi.source,
    ...(kpi.metric ? { metric: kpi.metric } : {}),
    ...(kpi.unit ? { unit: kpi.unit } : {}),
    direction: kpi.direction,
    weight: kpi.weight,
    target,
  };
  if ('noData' in actual) {
    const { greenValue, redValue } = judge(0, target, thresholds);
    return {
      ...base,
      greenValue,
      redValue,
      actual: null,
      status: 'noData',
      score: null,
      noData: actual.noData,
      trend: trendOf(null, previous, kpi.direction),
    };
  }
  const judged = judge(actual.value, target, thresholds);
  return { ...base, ...judged, actual: actual.value, trend: trendOf(actual.value, previous, kpi.direction) };
}

function trendOf(actual: number | null, previous: TrendPoint[], direction: KpiRecord['direction']): Trend {
  const last = previous.at(-1)?.actual ?? null;
  if (actual === null || last === null) return { previous, change: null, direction: 'unknown' };
  const change = actual - last;
  const good = direction === 'higher' ? change > 0 : change < 0;
  return { previous, change, direction: change === 0 ? 'flat' : good ? 'improving' : 'worsening' };
}
