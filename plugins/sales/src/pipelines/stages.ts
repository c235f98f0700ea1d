import type { Repository } from '@rapport/core';
import { fieldError } from '@rapport/core';
import type { Pipeline, PipelineRecord, PipelineStage } from '../entities/pipeline.js';
import type { ForecastCategory, StageKind } from '../vocabulary.js';

/** The kind of a stage (`open` when unset). */
export function kindOf(stage: PipelineStage): StageKind {
  return stage.kind ?? 'open';
}

/**
 * The forecast category a deal gets on entering a stage: the stage's own, else from its kind
 * and probability — won → commit, lost → omitted, ≥ 80% → commit, ≥ 50% → best-case, else pipeline.
 */
export function categoryOf(stage: PipelineStage): ForecastCategory {
  const kind = kindOf(stage);
  if (kind === 'won') return 'commit';
  if (kind === 'lost') return 'omitted';
  if (stage.forecastCategory) return stage.forecastCategory;
  if (stage.probability >= 80) return 'commit';
  if (stage.probability >= 50) return 'best-case';
  return 'pipeline';
}

/** The probability a deal gets on entering a stage: 100 won, 0 lost, else the stage's. */
export function probabilityOf(stage: PipelineStage): number {
  const kind = kindOf(stage);
  return kind === 'won' ? 100 : kind === 'lost' ? 0 : stage.probability;
}

/** The open stages of a pipeline, in order. */
export function openStages(pipeline: Pipeline): PipelineStage[] {
  return pipeline.stages.filter((stage) => kindOf(stage) === 'open');
}

/** Finds a stage of a pipeline, or throws a 400 on `path` naming the stages it allows. */
export function requireStage(
  entity: string,
  pipeline: Pipeline,
  stage: string | undefined,
  path = 'stage',
): PipelineStage {
  const found = pipeline.stages.find((s) => s.key === stage);
  if (found) return found;
  const allowed = pipeline.stages.map((s) => s.key).join(', ');
  throw fieldError(
    entity,
    path,
    'sales.stage',
    `'${String(stage)}' is not a stage of pipeline '${pipeline.key}' (its stages: ${allowed})`,
  );
}

/** Loads a pipeline by key with `repo` (the write's or the caller's), or throws a 400 on `path`. */
export async function requirePipeline(
  repo: Repository<Pipeline>,
  entity: string,
  key: string,
  path = 'pipeline',
): Promise<PipelineRecord> {
  const pipeline = await findPipeline(repo, key);
  if (pipeline) return pipeline;
  const { items } = await repo.find({ sort: ['key'], limit: 50, fields: ['key'] });
  throw fieldError(
    entity,
    path,
    'sales.pipeline',
    `'${key}' is not a pipeline (pipelines: ${items.map((p) => p.key).join(', ') || 'none'})`,
  );
}

/** A pipeline by key, if there is one. */
export async function findPipeline(
  repo: Repository<Pipeline>,
  key: string,
): Promise<PipelineRecord | undefined> {
  const { items } = await repo.find({ where: { key }, limit: 1 });
  return items[0] as PipelineRecord | undefined;
}
