import { isoTime } from '@rapport/core';
import type { DealRecord } from '../entities/deal.js';
import type { Pipeline } from '../entities/pipeline.js';
import { DAY_MS } from '../options.js';
import { categoryOf, kindOf, openStages, probabilityOf, requireStage } from '../pipelines/stages.js';

/** What {@link deriveStage} needs to know about one write of a deal. */
export interface StageWrite {
  /** The deal before the write (update), absent on create. */
  previous?: DealRecord;
  /** The deal as written (merge patch applied, defaults filled). */
  record: DealRecord;
  /** The fields the writer gave explicitly (the input on create, the patch on update). */
  given: ReadonlySet<string>;
  pipeline: Pipeline;
  now: number;
}

/** Did this write move the deal into another stage (or pipeline)? */
export function stageChanged(previous: DealRecord | undefined, record: DealRecord): boolean {
  return !previous || previous.stage !== record.stage || previous.pipeline !== record.pipeline;
}

/**
 * The stage rules of one deal write, as a pure function: entering a stage sets the probability
 * and forecast category from the stage unless the same write gives them (won: 100% and commit,
 * lost: 0% and omitted, always); entering won or lost stamps the outcome, `closedAt` and
 * `cycleDays`; leaving a terminal stage (a reopen) clears them and stamps `reopenedAt`;
 * `furthestStage` keeps the furthest open stage reached (for the funnel); `lastActivityAt` moves
 * with each stage change. Answers the record with these fields set.
 */
export function deriveStage({ previous, record, given, pipeline, now }: StageWrite): DealRecord {
  const next: DealRecord = { ...record };
  const stage = requireStage('deal', pipeline, next.stage);
  if (!stageChanged(previous, next)) return next;

  const kind = kindOf(stage);
  // A new deal enters its first stage when it opens (a back-dated import opens in the past).
  const fallback = !previous && next.openedAt ? next.openedAt : isoTime(now);
  const enteredAt = isoTime(
    Date.parse(given.has('stageEnteredAt') && next.stageEnteredAt ? next.stageEnteredAt : fallback),
  );
  next.stageEnteredAt = enteredAt;
  if (!previous) next.openedAt = isoTime(Date.parse(next.openedAt ?? enteredAt));

  if (kind === 'open') {
    if (!given.has('probability') || next.probability === undefined) next.probability = probabilityOf(stage);
    if (!given.has('forecastCategory') || !next.forecastCategory) next.forecastCategory = categoryOf(stage);
  } else {
    next.probability = probabilityOf(stage);
    next.forecastCategory = categoryOf(stage);
  }

  if (kind === 'open') {
    delete next.outcome;
    delete next.closedAt;
    delete next.cycleDays;
    if (previous?.outcome) {
      next.reopenedAt = isoTime(now);
      delete next.outcomeReason;
    }
    const open = openStages(pipeline).map((s) => s.key);
    const samePipeline = previous?.pipeline === next.pipeline;
    const furthest = samePipeline ? open.indexOf(previous?.furthestStage ?? '') : -1;
    if (open.indexOf(stage.key) > furthest) next.furthestStage = stage.key;
    else if (!samePipeline) next.furthestStage = stage.key;
  } else {
    next.outcome = kind;
    next.closedAt = enteredAt;
    next.cycleDays = Math.max(0, (Date.parse(enteredAt) - Date.parse(next.openedAt ?? enteredAt)) / DAY_MS);
    if (previous && previous.pipeline !== next.pipeline) delete next.furthestStage;
  }
  if (!next.lastActivityAt || next.lastActivityAt < enteredAt) next.lastActivityAt = enteredAt;
  return next;
}
