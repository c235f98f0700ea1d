import { ConflictError, fieldError, type RegisterContext } from '@rapport/core';
import type { Objective } from '../entities/objective.js';
import type { BscOptions } from '../options.js';
import { BSC_PLUGIN_ID } from '../plugin-id.js';
import { BscTapStage } from './tap-stage.js';

/**
 * An objective belongs to an existing scorecard (for good); an internal-process objective names
 * the CRM process it serves and no other perspective does; it is deleted only without KPIs, links
 * and initiatives.
 */
export function tapObjectiveRules(ctx: RegisterContext<BscOptions>): void {
  ctx.hooks
    .entity<Objective>('bscObjective')
    .validate.tapPromise({ name: BSC_PLUGIN_ID, stage: BscTapStage.checks }, async (write) => {
      const { record, previous } = write;
      if (write.operation === 'delete') {
        const [kpis, from, to, initiatives] = await Promise.all([
          write.system('bscKpi').count({ objectiveId: record.id }),
          write.system('bscLink').count({ fromId: record.id }),
          write.system('bscLink').count({ toId: record.id }),
          write.system('bscInitiative').count({ objectiveId: record.id }),
        ]);
        if (kpis + from + to + initiatives > 0) {
          throw new ConflictError(
            `objective '${record.name}' still has ${kpis} KPI(s), ${from + to} causal link(s) and ${initiatives} initiative(s); delete or deactivate them first`,
            { details: { entity: 'bscObjective', id: record.id, kpis, links: from + to, initiatives } },
          );
        }
        return;
      }
      if (previous && previous.scorecardId !== record.scorecardId) {
        throw fieldError(
          'bscObjective',
          'scorecardId',
          `${BSC_PLUGIN_ID}.fixed`,
          'cannot move to another scorecard',
        );
      }
      if (!previous) {
        const found = await write.system('scorecard').count({ id: record.scorecardId });
        if (found === 0) {
          throw fieldError(
            'bscObjective',
            'scorecardId',
            `${BSC_PLUGIN_ID}.exists`,
            `'${record.scorecardId}' is not a scorecard`,
          );
        }
      }
      if (record.perspective === 'internalProcess' && !record.process) {
        throw fieldError(
          'bscObjective',
          'process',
          `${BSC_PLUGIN_ID}.process`,
          'is required in the internal-process perspective (selection, acquisition, retention or development)',
        );
      }
      if (record.perspective !== 'internalProcess' && record.process) {
        throw fieldError(
          'bscObjective',
          'process',
          `${BSC_PLUGIN_ID}.process`,
          `belongs to internal-process objectives only, not to the ${record.perspective} perspective`,
        );
      }
    });
}
