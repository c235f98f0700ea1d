import type { Actor, Kernel } from '@rapport/core';
import type { Deal } from '../entities/deal.js';
import type { DealStageChange } from '../entities/deal-stage-change.js';
import type { Pipeline } from '../entities/pipeline.js';
import { DAY_MS, type SalesOptions } from '../options.js';
import { requirePipeline } from '../pipelines/stages.js';
import { type ReportFilters, reportPeriod } from './report-query.js';

/** Time spent in one stage. */
export interface StageVelocity {
  stage: string;
  name: string;
  /** Stays in the stage that ended in the period. */
  stays: number;
  /** Their average length in days (2 decimals), null without stays. */
  avgDays: number | null;
}

/** The velocity report. */
export interface Velocity {
  pipeline: string;
  from: string;
  to: string;
  stages: StageVelocity[];
  /** Deals won in the period: how many, and their average days from opened to won. */
  won: { count: number; avgCycleDays: number | null };
}

const twoDecimals = (value: number) => Math.round(value * 100) / 100;

/**
 * Sales velocity of one pipeline over [from, to) (default: the rolling last 365 days; dates are
 * local to `kernel.timeZone`): the average days a deal spends in each stage — from the stage
 * history, the stays that ended in the period — and the average sales cycle of the deals won
 * in it. Grouped `count` and `sum` aggregates; averages are sum / count, rounded to two
 * decimals.
 */
export async function velocityReport(
  kernel: Kernel,
  actor: Actor,
  options: SalesOptions,
  filters: ReportFilters = {},
): Promise<Velocity> {
  const now = kernel.clock.now();
  const period = reportPeriod(filters, { from: now - 365 * DAY_MS, to: now + 1 }, kernel.timeZone);
  const pipeline = await requirePipeline(
    kernel.data<Pipeline>('pipeline', { actor }),
    'report',
    filters.pipeline ?? options.defaultPipeline,
  );
  const owner = filters.ownerId ? { ownerId: filters.ownerId } : {};
  const rows = await kernel.data<DealStageChange>('dealStageChange', { actor }).aggregate({
    where: { pipeline: pipeline.key, leftAt: { gte: period.fromIso, lt: period.toIso }, ...owner },
    groupBy: ['stage'],
    measures: { n: 'count', days: 'sum:days' },
  });
  const byStage = new Map(rows.map((row) => [String(row.stage), row]));
  const [won] = await kernel.data<Deal>('deal', { actor }).aggregate({
    where: {
      pipeline: pipeline.key,
      outcome: 'won',
      closedAt: { gte: period.fromIso, lt: period.toIso },
      ...owner,
    },
    measures: { n: 'count', days: 'sum:cycleDays' },
  });
  const wonCount = Number(won?.n ?? 0);
  return {
    pipeline: pipeline.key,
    from: period.fromIso,
    to: period.toIso,
    stages: pipeline.stages
      .filter((stage) => (stage.kind ?? 'open') === 'open')
      .map((stage) => {
        const row = byStage.get(stage.key);
        const stays = Number(row?.n ?? 0);
        return {
          stage: stage.key,
          name: stage.name,
          stays,
          avgDays: stays === 0 ? null : twoDecimals(Number(row?.days) / stays),
        };
      }),
    won: { count: wonCount, avgCycleDays: wonCount === 0 ? null : twoDecimals(Number(won?.days) / wonCount) },
  };
}
