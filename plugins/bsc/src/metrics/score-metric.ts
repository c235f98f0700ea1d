import { type MetricDefinition, NotFoundError, ref } from '@rapport/core';
import type { Scorecard } from '../entities/scorecard.js';
import { periodAt } from '../periods/period.js';
import { SCORE_METRIC } from '../rules/kpi-rules.js';
import { BSC } from '../service.js';

/**
 * `bsc.score`: a scorecard's overall score in [0, 1] (its `scorecard` parameter, an id) for the
 * scorecard period holding the start of the period asked — so a company scorecard can bind its
 * departments' scores as KPIs. Computed as the caller (their reads of the scorecard and of every
 * KPI's metric apply); null when no KPI has data. A roll-up that would read itself is "no data".
 */
export const scoreMetric: MetricDefinition = {
  id: SCORE_METRIC,
  unit: 'score',
  better: 'higher',
  description:
    "A scorecard's overall score (0–1) for the scorecard period holding the period's start; parameter `scorecard` is its id.",
  parameters: { properties: { scorecard: ref }, required: ['scorecard'] },
  async compute(period, context) {
    const id = String(context.params.scorecard);
    const found = await context.data<Scorecard>('scorecard').find({ where: { id }, limit: 1 });
    const scorecard = found.items[0];
    if (!scorecard)
      throw new NotFoundError(`scorecard '${id}' does not exist`, { details: { entity: 'scorecard', id } });
    const key = periodAt(period.from, scorecard.periodKind, scorecard.timeZone).key;
    const evaluation = await context
      .resolve(BSC)
      .evaluate({ scorecardId: id, period: key, actor: context.actor, history: 0 });
    return evaluation.score;
  },
};
