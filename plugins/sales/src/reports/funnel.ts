import type { Actor, Kernel, Where } from '@rapport/core';
import type { Deal } from '../entities/deal.js';
import type { Pipeline } from '../entities/pipeline.js';
import { DAY_MS, type SalesOptions } from '../options.js';
import { kindOf, openStages, requirePipeline } from '../pipelines/stages.js';
import {
  addRow,
  currencyFilter,
  emptyTally,
  type ReportFilters,
  type ReportPeriod,
  ratio,
  reportPeriod,
  singleCurrency,
  type Tally,
} from './report-query.js';

/** One stage of the funnel. */
export interface FunnelStage {
  stage: string;
  name: string;
  kind: 'open' | 'won' | 'lost';
  probability: number;
  /** Deals of the cohort that got at least this far (a won deal passed every open stage). */
  reached: Tally;
  /** Deals of the cohort in this stage now. */
  current: Tally;
  /** Deals of the cohort lost with this as their furthest stage. */
  lostHere: Tally;
  /** Of the deals that reached this stage, the share that reached the next (won, after the last open stage). */
  conversion: number | null;
}

/** The funnel of a pipeline for the deals opened in a period. */
export interface Funnel {
  pipeline: string;
  from: string;
  to: string;
  currency: string;
  /** Every deal opened in the period (the cohort). */
  deals: Tally;
  stages: FunnelStage[];
  open: Tally;
  won: Tally;
  lost: Tally;
  /** won / deals. */
  conversion: number | null;
  /** won / (won + lost). */
  winRate: number | null;
}

/**
 * The sales funnel (003's "sales funnel") of one pipeline for the cohort of deals opened in
 * [from, to) (default: the rolling last 365 days; dates are local to `kernel.timeZone`): per
 * stage, how many deals and how much value reached it, sit in it now and were lost there, and
 * the conversion to the next stage. Two grouped store aggregates (by currency, furthest stage
 * and outcome; by stage) — never a scan of the deals.
 * Deals in several currencies without a `currency` filter are a 400.
 */
export async function funnelReport(
  kernel: Kernel,
  actor: Actor,
  options: SalesOptions,
  filters: ReportFilters = {},
): Promise<Funnel> {
  const now = kernel.clock.now();
  const period: ReportPeriod = reportPeriod(
    filters,
    { from: now - 365 * DAY_MS, to: now + 1 },
    kernel.timeZone,
  );
  const pipeline: Pipeline = await requirePipeline(
    kernel.data<Pipeline>('pipeline', { actor }),
    'report',
    filters.pipeline ?? options.defaultPipeline,
  );
  const deals = kernel.data<Deal>('deal', { actor });
  const where: Where = {
    pipeline: pipeline.key,
    openedAt: { gte: period.fromIso, lt: period.toIso },
    ...(filters.ownerId ? { ownerId: filters.ownerId } : {}),
    ...currencyFilter(filters.currency),
  };
  const measures = { n: 'count', amount: 'sum:amount.amount' };
  const byOutcome = await deals.aggregate({
    where,
    groupBy: ['amount.currency', 'furthestStage', 'outcome'],
    measures,
  });
  const currency = singleCurrency(
    byOutcome.map((r) => r['amount.currency']),
    filters.currency,
    options.currency,
  );
  const byStage = await deals.aggregate({ where, groupBy: ['stage'], measures });

  const open = openStages(pipeline).map((s) => s.key);
  const total = emptyTally();
  const won = emptyTally();
  const lost = emptyTally();
  const openTally = emptyTally();
  const reachedAt = open.map(() => emptyTally());
  const lostAt = open.map(() => emptyTally());
  for (const row of byOutcome) {
    addRow(total, row);
    const furthest = open.indexOf(String(row.furthestStage));
    if (row.outcome === 'won') {
      addRow(won, row);
      for (const tally of reachedAt) addRow(tally, row);
      continue;
    }
    addRow(row.outcome === 'lost' ? lost : openTally, row);
    for (let i = 0; i <= furthest; i += 1) addRow(reachedAt[i] as Tally, row);
    if (row.outcome === 'lost' && furthest >= 0) addRow(lostAt[furthest] as Tally, row);
  }
  const current = new Map(byStage.map((row) => [String(row.stage), addRow(emptyTally(), row)]));
  const stages: FunnelStage[] = pipeline.stages.map((stage) => {
    const i = open.indexOf(stage.key);
    const kind = kindOf(stage);
    const reached = i >= 0 ? (reachedAt[i] as Tally) : kind === 'won' ? { ...won } : { ...lost };
    const next = i < 0 ? undefined : i + 1 < open.length ? (reachedAt[i + 1] as Tally) : won;
    return {
      stage: stage.key,
      name: stage.name,
      kind,
      probability: stage.probability,
      reached,
      current: current.get(stage.key) ?? emptyTally(),
      lostHere: i >= 0 ? (lostAt[i] as Tally) : emptyTally(),
      conversion: next ? ratio(next.count, reached.count) : null,
    };
  });
  return {
    pipeline: pipeline.key,
    from: period.fromIso,
    to: period.toIso,
    currency,
    deals: total,
    stages,
    open: openTally,
    won,
    lost,
    conversion: ratio(won.count, total.count),
    winRate: ratio(won.count, won.count + lost.count),
  };
}
