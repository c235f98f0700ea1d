import { type Actor, createToken, type Kernel } from '@rapport/core';
import { type CloseDueReport, closeDuePeriods } from './close/close-due.js';
import { type CloseResult, closePeriod } from './close/close-period.js';
import { type EvaluateInput, evaluateScorecard } from './evaluation/evaluate.js';
import type { Evaluation } from './evaluation/evaluation-types.js';
import { type StrategyMap, strategyMap } from './map/strategy-map.js';
import type { BscOptions } from './options.js';
import { BSC_PLUGIN_ID } from './plugin-id.js';
import { createFromTemplate, type FromTemplateResult } from './templates/from-template.js';

/** The BSC plugin's operations, for routes, jobs, the roll-up metric and other plugins. */
export interface BscService {
  /** A scorecard's evaluation for a period (the current one by default), as `input.actor` reads it. */
  evaluate(input: EvaluateInput): Promise<Evaluation>;
  /** Closes an ended period (as `actor`, who needs `scorecard:update`; the system by default); harmless when closed already. */
  close(input: { scorecardId: string; period: string; actor?: Actor }): Promise<CloseResult>;
  /** Closes the latest ended period of every active scorecard that is not closed yet (the calendar job). */
  closeDue(): Promise<CloseDueReport>;
  /** Lays out a scorecard from the template of a value proposition (body: `FromTemplateInput`), as `actor`. */
  fromTemplate(body: unknown, actor: Actor): Promise<FromTemplateResult>;
  /** The strategy map of a scorecard for a period (the current one by default), coloured by status. */
  map(input: { scorecardId: string; period?: string; actor: Actor }): Promise<StrategyMap>;
}

/** The token of the {@link BscService}. */
export const BSC = createToken<BscService>(`${BSC_PLUGIN_ID}.service`);

/** Creates the service of one plugin instance. */
export function createBscService(kernel: Kernel, options: BscOptions): BscService {
  const evaluate = (input: EvaluateInput) => evaluateScorecard(kernel, options, input);
  return {
    evaluate,
    map: (input) => strategyMap(kernel, evaluate, input),
    close: (input) => closePeriod(kernel, options, input),
    closeDue: () => closeDuePeriods(kernel, options),
    fromTemplate: (body, actor) => createFromTemplate(kernel, body, actor),
  };
}
