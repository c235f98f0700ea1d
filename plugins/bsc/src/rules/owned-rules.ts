import { ForbiddenError, fieldError, isSystemActor, type RegisterContext } from '@rapport/core';
import type { Initiative } from '../entities/initiative.js';
import type { BscOptions } from '../options.js';
import { BSC_PLUGIN_ID } from '../plugin-id.js';
import { BscTapStage } from './tap-stage.js';

/** An initiative acts on an existing objective; period closes are written by the plugin only. */
export function tapOwnedRules(ctx: RegisterContext<BscOptions>): void {
  ctx.hooks
    .entity<Initiative>('bscInitiative')
    .validate.tapPromise({ name: BSC_PLUGIN_ID, stage: BscTapStage.checks }, async (write) => {
      if (write.operation === 'delete') return;
      const found = await write.system('bscObjective').count({ id: write.record.objectiveId });
      if (found === 0) {
        throw fieldError(
          'bscInitiative',
          'objectiveId',
          `${BSC_PLUGIN_ID}.exists`,
          `'${write.record.objectiveId}' is not an objective`,
        );
      }
    });
  ctx.hooks.entity('bscPeriodClose').validate.tapPromise(BSC_PLUGIN_ID, async (write) => {
    if (!isSystemActor(write.actor)) {
      throw new ForbiddenError(
        'period closes are written by the BSC plugin only (POST /api/bsc/scorecards/:id/close)',
        {
          details: { entity: 'bscPeriodClose', actor: write.actor.id },
        },
      );
    }
  });
}
