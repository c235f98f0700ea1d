import { ConflictError, fieldError, type RegisterContext } from '@rapport/core';
import type { Objective } from '../entities/objective.js';
import type { Scorecard } from '../entities/scorecard.js';
import type { BscOptions } from '../options.js';
import { isTimeZone } from '../periods/period.js';
import { BSC_PLUGIN_ID } from '../plugin-id.js';
import { BscTapStage } from './tap-stage.js';

/**
 * A scorecard's zone is a real IANA zone; its period kind is fixed once periods were closed (the
 * snapshots would not line up); it is deleted only without objectives.
 */
export function tapScorecardRules(ctx: RegisterContext<BscOptions>): void {
  ctx.hooks
    .entity<Scorecard>('scorecard')
    .validate.tapPromise({ name: BSC_PLUGIN_ID, stage: BscTapStage.checks }, async (write) => {
      const { record, previous } = write;
      if (write.operation === 'delete') {
        const objectives = await write.system<Objective>('bscObjective').count({ scorecardId: record.id });
        if (objectives > 0) {
          throw new ConflictError(
            `scorecard '${record.name}' still has ${objectives} objective(s); delete them first`,
            { details: { entity: 'scorecard', id: record.id, objectives } },
          );
        }
        return;
      }
      if (!isTimeZone(record.timeZone)) {
        throw fieldError(
          'scorecard',
          'timeZone',
          `${BSC_PLUGIN_ID}.timeZone`,
          `'${record.timeZone}' is not an IANA time zone`,
        );
      }
      if (previous && (previous.periodKind !== record.periodKind || previous.timeZone !== record.timeZone)) {
        const closed = await write.system('bscPeriodClose').count({ scorecardId: record.id });
        if (closed > 0) {
          const field = previous.periodKind !== record.periodKind ? 'periodKind' : 'timeZone';
          throw fieldError(
            'scorecard',
            field,
            `${BSC_PLUGIN_ID}.closedPeriods`,
            `cannot change once periods are closed (${closed} closed): create a new scorecard instead`,
          );
        }
      }
    });
}
