import { ConflictError, fieldError, isSystemActor, type RegisterContext } from '@rapport/core';
import type { Kpi } from '../entities/kpi.js';
import type { Objective } from '../entities/objective.js';
import type { Reading } from '../entities/reading.js';
import type { Scorecard } from '../entities/scorecard.js';
import type { BscOptions } from '../options.js';
import { periodProblem } from '../periods/period.js';
import { BSC_PLUGIN_ID } from '../plugin-id.js';
import { BscTapStage } from './tap-stage.js';

const problem = (field: string, rule: string, message: string) =>
  fieldError('bscReading', field, `${BSC_PLUGIN_ID}.${rule}`, message);

/**
 * A manual reading is a value of a manual KPI for a period of its scorecard's kind, one per KPI and
 * period, with the writer recorded as `enteredBy`; it cannot change once its period is closed.
 * Snapshots are written by the plugin's period close only.
 */
export function tapReadingRules(ctx: RegisterContext<BscOptions>): void {
  const hooks = ctx.hooks.entity<Reading>('bscReading');
  hooks.validate.tapPromise({ name: BSC_PLUGIN_ID, stage: BscTapStage.checks }, async (write) => {
    const { record } = write;
    if (record.kind === 'snapshot' || write.previous?.kind === 'snapshot') {
      if (isSystemActor(write.actor)) return;
      throw problem('kind', 'snapshot', 'snapshot readings are taken by the period close only');
    }
    if (
      write.previous &&
      (write.previous.kpiId !== record.kpiId || write.previous.period !== record.period)
    ) {
      throw problem(
        write.previous.kpiId !== record.kpiId ? 'kpiId' : 'period',
        'fixed',
        'cannot change: enter a reading for the other KPI or period instead',
      );
    }
    const kpi = (await write.system<Kpi>('bscKpi').find({ where: { id: record.kpiId }, limit: 1 })).items[0];
    if (!kpi) throw problem('kpiId', 'exists', `'${record.kpiId}' is not a KPI`);
    if (write.operation !== 'delete') {
      if (kpi.source !== 'manual') {
        throw problem(
          'kpiId',
          'manual',
          `KPI '${kpi.name}' reads metric '${kpi.metric}'; only manual KPIs take readings`,
        );
      }
      if (record.value === undefined) throw problem('value', 'required', 'is required on a manual reading');
    }
    const objective = await write.system<Objective>('bscObjective').get(kpi.objectiveId);
    const scorecard = await write.system<Scorecard>('scorecard').get(objective.scorecardId);
    const bad = periodProblem(record.period, scorecard.periodKind);
    if (bad) throw problem('period', 'period', bad);
    const closed = await write
      .system('bscPeriodClose')
      .count({ scorecardId: scorecard.id, period: record.period });
    if (closed > 0) {
      throw new ConflictError(
        `period ${record.period} of scorecard '${scorecard.name}' is closed; its readings no longer change`,
        {
          details: { entity: 'bscReading', scorecardId: scorecard.id, period: record.period },
        },
      );
    }
  });
  hooks.beforeCreate.tapPromise({ name: BSC_PLUGIN_ID, stage: BscTapStage.derived }, async (record, write) =>
    record.kind === 'manual' ? { ...record, enteredBy: write.actor.id } : record,
  );
  hooks.beforeUpdate.tapPromise({ name: BSC_PLUGIN_ID, stage: BscTapStage.derived }, async (record, write) =>
    record.kind === 'manual' ? { ...record, enteredBy: write.actor.id } : record,
  );
}
