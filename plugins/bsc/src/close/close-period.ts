import { type Actor, ConflictError, type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import type { PeriodClose, PeriodCloseRecord } from '../entities/period-close.js';
import type { Reading } from '../entities/reading.js';
import { evaluateOpen } from '../evaluation/evaluate.js';
import type { Evaluation } from '../evaluation/evaluation-types.js';
import { closesOf, loadScorecard, scorecardPeriod } from '../evaluation/load-scorecard.js';
import type { BscOptions } from '../options.js';

/** What a close answers: the close record, and whether this call took it (false: it was closed already). */
export interface CloseResult {
  close: PeriodCloseRecord;
  closedNow: boolean;
}

/**
 * Closes one ended period of a scorecard: evaluates it as the system (the company's figures, not
 * one caller's view) and writes, in one transaction, the frozen evaluation and a snapshot reading
 * per KPI. Closing a closed period again answers the existing close and writes nothing, also when
 * two closes race (the store's unique index on scorecard and period decides). `actor`, when given,
 * needs `scorecard:update` (and may read the scorecard); the calendar job closes as the system.
 */
export async function closePeriod(
  kernel: Kernel,
  options: BscOptions,
  input: { scorecardId: string; period: string; actor?: Actor },
): Promise<CloseResult> {
  const actor = input.actor ?? SYSTEM_ACTOR;
  kernel.access.assert(actor, 'scorecard', 'update');
  await kernel.data('scorecard', { actor }).get(input.scorecardId);
  const model = await loadScorecard(kernel, input.scorecardId, SYSTEM_ACTOR);
  const period = scorecardPeriod(model.scorecard, input.period, kernel.clock.now());
  const existing = (await closesOf(kernel, model.scorecard.id, [period.key])).get(period.key);
  if (existing) return { close: existing, closedNow: false };
  const now = kernel.clock.now();
  if (period.to > now) {
    throw new ConflictError(
      `period ${period.key} of scorecard '${model.scorecard.name}' ends at ${new Date(period.to).toISOString()}; it can be closed from then on`,
      {
        details: {
          entity: 'scorecard',
          id: model.scorecard.id,
          period: period.key,
          endsAt: new Date(period.to).toISOString(),
        },
      },
    );
  }
  const live = await evaluateOpen(kernel, options, model, period, SYSTEM_ACTOR, options.trendPeriods);
  const closedAt = new Date(now).toISOString();
  const evaluation: Evaluation = { ...live, period: { ...live.period, closed: true, closedAt } };
  try {
    const close = await kernel.transaction(async (tx) => {
      const record = await tx.data<PeriodClose>('bscPeriodClose', { actor: SYSTEM_ACTOR }).create({
        scorecardId: model.scorecard.id,
        period: period.key,
        closedAt,
        ...(evaluation.score === null ? {} : { score: evaluation.score }),
        evaluation: evaluation as unknown as Record<string, unknown>,
      });
      const readings = tx.data<Reading>('bscReading', { actor: SYSTEM_ACTOR });
      for (const kpi of evaluation.perspectives.flatMap((p) => p.objectives.flatMap((o) => o.kpis))) {
        await readings.create({
          kpiId: kpi.id,
          period: period.key,
          kind: 'snapshot',
          target: kpi.target,
          status: kpi.status,
          takenAt: closedAt,
          ...(kpi.actual === null ? {} : { value: kpi.actual }),
          ...(kpi.score === null ? {} : { score: kpi.score }),
          ...(kpi.noData ? { reason: kpi.noData.message.slice(0, 500) } : {}),
        });
      }
      return record;
    });
    return { close, closedNow: true };
  } catch (error) {
    if (!(error instanceof ConflictError) || error.details.kind !== 'unique') throw error;
    const raced = (await closesOf(kernel, model.scorecard.id, [period.key])).get(period.key);
    if (!raced) throw error;
    return { close: raced, closedNow: false };
  }
}
