import { ConflictError, fieldError, type RegisterContext, type ValidateContext } from '@rapport/core';
import type { Kpi } from '../entities/kpi.js';
import type { Objective } from '../entities/objective.js';
import type { Scorecard } from '../entities/scorecard.js';
import { defaultRedAt } from '../evaluation/score.js';
import type { BscOptions } from '../options.js';
import { periodProblem } from '../periods/period.js';
import { BSC_PLUGIN_ID } from '../plugin-id.js';
import { BscTapStage } from './tap-stage.js';

/** The metric id of the roll-up: a scorecard's overall score. */
export const SCORE_METRIC = `${BSC_PLUGIN_ID}.score`;

const problem = (field: string, rule: string, message: string) =>
  fieldError('bscKpi', field, `${BSC_PLUGIN_ID}.${rule}`, message);

async function scorecardOf(write: ValidateContext<Kpi>): Promise<Scorecard & { id: string }> {
  const objective = await write
    .system<Objective>('bscObjective')
    .find({ where: { id: write.record.objectiveId }, limit: 1 });
  const found = objective.items[0];
  if (!found) throw problem('objectiveId', 'exists', `'${write.record.objectiveId}' is not an objective`);
  return (await write.system<Scorecard>('scorecard').get(found.scorecardId)) as Scorecard & { id: string };
}

/**
 * A KPI is checked beyond its schema: a metric KPI names its metric (an id of a plugin that is not
 * installed is accepted and reads "no data" until it is), a manual one has none; the thresholds lie
 * in the direction that is good; per-period targets are periods of the scorecard's kind; a
 * scorecard's roll-up KPI never binds its own score. A KPI with readings is deactivated, not deleted.
 */
export function tapKpiRules(ctx: RegisterContext<BscOptions>): void {
  ctx.hooks
    .entity<Kpi>('bscKpi')
    .validate.tapPromise({ name: BSC_PLUGIN_ID, stage: BscTapStage.checks }, async (write) => {
      const { record, previous } = write;
      if (write.operation === 'delete') {
        const readings = await write.system('bscReading').count({ kpiId: record.id });
        if (readings > 0) {
          throw new ConflictError(
            `KPI '${record.name}' has ${readings} reading(s) and closed periods may hold it; deactivate it instead (active: false)`,
            { details: { entity: 'bscKpi', id: record.id, readings } },
          );
        }
        return;
      }
      if (previous && previous.objectiveId !== record.objectiveId) {
        throw problem(
          'objectiveId',
          'fixed',
          'cannot move to another objective (its readings belong to this one)',
        );
      }
      if (record.source === 'metric' && !record.metric) {
        throw problem(
          'metric',
          'metric',
          "is required when source is 'metric' (a registry id like 'sales.winRate')",
        );
      }
      if (record.source === 'manual' && (record.metric || record.params)) {
        throw problem(
          record.metric ? 'metric' : 'params',
          'manual',
          'belongs to metric KPIs only; a manual KPI reads its values from readings',
        );
      }
      const green = record.greenAt;
      const red = record.redAt ?? defaultRedAt(record.direction);
      if (record.direction === 'higher' ? red >= green : red <= green) {
        const rule = record.direction === 'higher' ? 'below' : 'above';
        throw problem(
          'redAt',
          'thresholds',
          `must be ${rule} greenAt (${green}) when ${record.direction} is better, got ${red}`,
        );
      }
      const scorecard = await scorecardOf(write);
      for (const [index, target] of (record.targets ?? []).entries()) {
        const bad = periodProblem(target.period, scorecard.periodKind);
        if (bad) throw problem(`targets/${index}/period`, 'period', bad);
      }
      const seen = new Set<string>();
      for (const [index, target] of (record.targets ?? []).entries()) {
        if (seen.has(target.period)) {
          throw problem(`targets/${index}/period`, 'period', `'${target.period}' has a target already`);
        }
        seen.add(target.period);
      }
      if (record.metric === SCORE_METRIC && record.params?.scorecard === scorecard.id) {
        throw problem('params', 'selfScore', "cannot bind the scorecard's own score (it would read itself)");
      }
    });
}
