import type { Actor, Kernel } from '@rapport/core';
import type { CausalLink, CausalLinkRecord } from '../entities/causal-link.js';
import type { ObjectiveRecord } from '../entities/objective.js';
import type { EvaluateInput } from '../evaluation/evaluate.js';
import { byMapOrder } from '../evaluation/evaluate.js';
import type { Evaluation } from '../evaluation/evaluation-types.js';
import { findAll } from '../util/find-all.js';
import { layoutMap, type MapLayout } from './map-layout.js';

/** A strategy map for one period: the layout, and the evaluation period it shows. */
export interface StrategyMap extends MapLayout {
  scorecard: { id: string; name: string };
  period: Evaluation['period'];
}

/**
 * The strategy map of a scorecard for a period: every objective (as the caller may read them),
 * coloured by its evaluated status and score, and every causal link between them.
 */
export async function strategyMap(
  kernel: Kernel,
  evaluate: (input: EvaluateInput) => Promise<Evaluation>,
  input: { scorecardId: string; period?: string; actor: Actor },
): Promise<StrategyMap> {
  const evaluation = await evaluate({ ...input, history: 0 });
  const objectives = (
    (await findAll(kernel.data('bscObjective', { actor: input.actor }), {
      scorecardId: input.scorecardId,
    })) as ObjectiveRecord[]
  ).sort(byMapOrder);
  const links = (await findAll(kernel.data<CausalLink>('bscLink', { actor: input.actor }), {
    scorecardId: input.scorecardId,
  })) as CausalLinkRecord[];
  const evaluated = new Map(evaluation.perspectives.flatMap((p) => p.objectives).map((o) => [o.id, o]));
  const layout = layoutMap(
    objectives.map((o) => ({
      id: o.id,
      name: o.name,
      perspective: o.perspective,
      ...(o.process ? { process: o.process } : {}),
      status: evaluated.get(o.id)?.status ?? 'noData',
      score: evaluated.get(o.id)?.score ?? null,
    })),
    links.map((l) => ({ id: l.id, fromId: l.fromId, toId: l.toId, ...(l.note ? { note: l.note } : {}) })),
  );
  return {
    scorecard: { id: evaluation.scorecard.id, name: evaluation.scorecard.name },
    period: evaluation.period,
    ...layout,
  };
}
