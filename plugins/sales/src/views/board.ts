import type { Actor, Kernel } from '@rapport/core';
import type { Pipeline } from '../entities/pipeline.js';
import type { SalesOptions } from '../options.js';
import { categoryOf, kindOf, probabilityOf, requirePipeline } from '../pipelines/stages.js';
import type { ForecastCategory, StageKind } from '../vocabulary.js';

/** One lane of the pipeline board: a stage, with what a deal gets on entering it. */
export interface BoardLane {
  value: string;
  title: string;
  kind: StageKind;
  probability: number;
  forecastCategory: ForecastCategory;
}

/** The lanes of the pipeline board (`GET /api/sales/board`), the console's kanban of deals by stage. */
export interface Board {
  lanes: BoardLane[];
  /** The pipeline shown: the one asked for, else the default pipeline. */
  params: { pipeline: string };
  /** The active pipelines the caller may read, offered as a choice above the board. */
  options: { pipeline: Array<{ value: string; title: string }> };
}

/** At most this many pipelines are offered above the board. */
export const MAX_BOARD_PIPELINES = 50;

/**
 * The board of a pipeline, read as the caller (who needs `pipeline:read`): one lane per stage in
 * pipeline order, and the active pipelines to switch to. An unknown pipeline is a 400 naming the
 * pipelines there are.
 */
export async function pipelineBoard(
  kernel: Kernel,
  actor: Actor,
  options: Pick<SalesOptions, 'defaultPipeline'>,
  pipelineKey: string | undefined,
): Promise<Board> {
  const repo = kernel.data<Pipeline>('pipeline', { actor });
  const key = pipelineKey || options.defaultPipeline;
  const pipeline = await requirePipeline(repo, 'pipeline', key, 'pipeline');
  const { items } = await repo.find({
    where: { active: { ne: false } },
    sort: ['name'],
    limit: MAX_BOARD_PIPELINES,
    fields: ['key', 'name'],
  });
  return {
    lanes: pipeline.stages.map((stage) => ({
      value: stage.key,
      title: stage.name,
      kind: kindOf(stage),
      probability: probabilityOf(stage),
      forecastCategory: categoryOf(stage),
    })),
    params: { pipeline: pipeline.key },
    options: { pipeline: items.map((item) => ({ value: item.key, title: item.name })) },
  };
}
