import { ConflictError, fieldError, HookStage, type RegisterContext } from '@rapport/core';
import type { Pipeline, PipelineRecord } from '../entities/pipeline.js';
import type { SalesOptions } from '../options.js';
import { SALES_PLUGIN_ID } from '../plugin-id.js';
import { kindOf } from './stages.js';

/** Checks the shape of a pipeline's stages; throws a 400 naming the first problem. */
export function checkStages(pipeline: Pipeline): void {
  const seen = new Set<string>();
  let terminalSeen = false;
  let won = 0;
  let lost = 0;
  pipeline.stages.forEach((stage, i) => {
    const path = `stages.${i}`;
    if (seen.has(stage.key)) {
      throw fieldError('pipeline', `${path}.key`, 'sales.stages', `'${stage.key}' is used by two stages`);
    }
    seen.add(stage.key);
    const kind = kindOf(stage);
    if (kind === 'open' && terminalSeen) {
      throw fieldError(
        'pipeline',
        path,
        'sales.stages',
        'is open but follows a won or lost stage: open stages come first',
      );
    }
    if (kind === 'won') {
      won += 1;
      terminalSeen = true;
      if (stage.probability !== 100)
        throw fieldError('pipeline', `${path}.probability`, 'sales.stages', 'must be 100 for a won stage');
    }
    if (kind === 'lost') {
      lost += 1;
      terminalSeen = true;
      if (stage.probability !== 0)
        throw fieldError('pipeline', `${path}.probability`, 'sales.stages', 'must be 0 for a lost stage');
    }
  });
  if (won !== 1)
    throw fieldError('pipeline', 'stages', 'sales.stages', `need exactly one won stage (found ${won})`);
  if (lost < 1) throw fieldError('pipeline', 'stages', 'sales.stages', 'need at least one lost stage');
  if (seen.size - won - lost < 1)
    throw fieldError('pipeline', 'stages', 'sales.stages', 'need at least one open stage');
}

/**
 * Rules of `pipeline`: well-formed stages (open stages first, exactly one won stage at 100%, at
 * least one lost stage at 0%, unique keys); the key never changes (deals refer to it); a stage
 * that deals are in is not removed, and a pipeline with deals is not deleted (409).
 */
export function tapPipelineRules(ctx: RegisterContext<SalesOptions>): void {
  const hooks = ctx.hooks.entity<Pipeline>('pipeline');
  hooks.validate.tapPromise({ name: SALES_PLUGIN_ID, stage: HookStage.EARLY }, async (write) => {
    if (write.operation === 'delete') return;
    checkStages(write.record);
    const previous = write.previous as PipelineRecord | undefined;
    if (!previous) return;
    if (previous.key !== write.record.key) {
      throw fieldError(
        'pipeline',
        'key',
        'sales.immutable',
        'cannot change: deals refer to the pipeline by it',
      );
    }
    const kept = new Set(write.record.stages.map((s) => s.key));
    const removed = previous.stages.map((s) => s.key).filter((key) => !kept.has(key));
    if (removed.length === 0) return;
    const inUse = await write.system('deal').count({ pipeline: previous.key, stage: { in: removed } });
    if (inUse > 0) {
      throw ConflictError.state(
        `pipeline '${previous.key}': ${inUse} deal(s) are in stage(s) ${removed.join(', ')}; move them before removing the stage`,
        { entity: 'pipeline', id: previous.id, stages: removed, deals: inUse },
      );
    }
  });
  hooks.beforeDelete.tapPromise(SALES_PLUGIN_ID, async (pipeline, write) => {
    const deals = await write.system('deal').count({ pipeline: pipeline.key });
    if (deals > 0) {
      throw ConflictError.state(
        `pipeline '${pipeline.key}' still has ${deals} deal(s); deactivate it (active: false) instead`,
        { entity: 'pipeline', id: pipeline.id, deals },
      );
    }
  });
}
