import { type Actor, fieldError, type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import type { KpiRecord } from '../entities/kpi.js';
import type { ObjectiveRecord } from '../entities/objective.js';
import type { PeriodCloseRecord } from '../entities/period-close.js';
import type { Scorecard, ScorecardRecord } from '../entities/scorecard.js';
import { type Period, parsePeriod, periodAt, periodProblem } from '../periods/period.js';
import { findAll } from '../util/find-all.js';

/** A scorecard with its objectives and active KPIs, as `actor` may read them. */
export interface ScorecardModel {
  scorecard: ScorecardRecord;
  objectives: ObjectiveRecord[];
  kpis: KpiRecord[];
}

/** Loads a scorecard, its objectives and its active KPIs as `actor` (403/404 as for any read). */
export async function loadScorecard(kernel: Kernel, id: string, actor: Actor): Promise<ScorecardModel> {
  const scorecard = await kernel.data<Scorecard>('scorecard', { actor }).get(id);
  const objectives = (await findAll(kernel.data('bscObjective', { actor }), {
    scorecardId: id,
  })) as ObjectiveRecord[];
  const kpis =
    objectives.length === 0
      ? []
      : ((await findAll(kernel.data('bscKpi', { actor }), {
          objectiveId: { in: objectives.map((o) => o.id) },
          active: true,
        })) as KpiRecord[]);
  return { scorecard, objectives, kpis };
}

/**
 * The period `key` of the scorecard (a 400 naming `period` and the expected form when it is not
 * one), or the period holding `now` when no key is given.
 */
export function scorecardPeriod(scorecard: ScorecardRecord, key: string | undefined, now: number): Period {
  if (key === undefined) return periodAt(now, scorecard.periodKind, scorecard.timeZone);
  const problem = periodProblem(key, scorecard.periodKind);
  if (problem) throw fieldError('scorecard', 'period', 'bsc.period', problem);
  return parsePeriod(key, scorecard.periodKind, scorecard.timeZone);
}

/** The closes of some periods of a scorecard, by period key. */
export async function closesOf(
  kernel: Kernel,
  scorecardId: string,
  periods: readonly string[],
): Promise<Map<string, PeriodCloseRecord>> {
  if (periods.length === 0) return new Map();
  const closes = (await findAll(kernel.data('bscPeriodClose', { actor: SYSTEM_ACTOR }), {
    scorecardId,
    period: { in: [...periods] },
  })) as PeriodCloseRecord[];
  return new Map(closes.map((close) => [close.period, close]));
}
