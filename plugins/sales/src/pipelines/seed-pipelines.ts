import { ConflictError, type LifecycleContext } from '@rapport/core';
import type { Pipeline } from '../entities/pipeline.js';
import { DEFAULT_PIPELINES } from './default-pipelines.js';
import { findPipeline } from './stages.js';

/**
 * Creates the default pipelines that do not exist yet (by key), as the system. Safe when
 * several processes start at once: the unique key index lets one win, the others skip.
 */
export async function seedPipelines(ctx: Pick<LifecycleContext, 'data'>): Promise<string[]> {
  const repo = ctx.data<Pipeline>('pipeline');
  const created: string[] = [];
  for (const pipeline of DEFAULT_PIPELINES) {
    if (await findPipeline(repo, pipeline.key)) continue;
    try {
      await repo.create(structuredClone(pipeline) as Pipeline);
      created.push(pipeline.key);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return created;
}
