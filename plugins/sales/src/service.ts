import { type Actor, createToken, fieldError, type Kernel } from '@rapport/core';
import type { Deal, DealRecord } from './entities/deal.js';
import type { Pipeline } from './entities/pipeline.js';
import { type ConversionResult, type ConvertLeadInput, convertLead } from './leads/convert-lead.js';
import type { SalesOptions } from './options.js';
import { openStages, requirePipeline } from './pipelines/stages.js';
import { SALES_PLUGIN_ID } from './plugin-id.js';
import { type Forecast, type ForecastFilters, forecastReport } from './reports/forecast.js';
import { type Funnel, funnelReport } from './reports/funnel.js';
import type { ReportFilters } from './reports/report-query.js';
import { type Velocity, velocityReport } from './reports/velocity.js';
import { runTimeRules, type TimeRulesReport } from './rules/time-rules.js';
import { type Board, pipelineBoard } from './views/board.js';

/** How to reopen a won or lost deal. */
export interface ReopenInput {
  /** Why (kept on the deal as `reopenReason`, and in the audit trail). */
  reason: string;
  /** The open stage to reopen into; default: the furthest open stage it had reached. */
  stage?: string;
}

/** The sales plugin's operations, for routes, jobs, tools and other plugins. */
export interface SalesService {
  /** Turns a qualified lead into a customer, a contact and a deal, atomically (see `convertLead`). */
  convertLead(actor: Actor, leadId: string, input?: ConvertLeadInput): Promise<ConversionResult>;
  /** Reopens a won or lost deal into an open stage (needs `deal:reopen`). */
  reopenDeal(actor: Actor, dealId: string, input: ReopenInput): Promise<DealRecord>;
  /** The funnel of a pipeline for the deals opened in a period. */
  funnel(actor: Actor, filters?: ReportFilters): Promise<Funnel>;
  /** The weighted forecast per month or quarter. */
  forecast(actor: Actor, filters?: ForecastFilters): Promise<Forecast>;
  /** Average days per stage and sales cycle. */
  velocity(actor: Actor, filters?: ReportFilters): Promise<Velocity>;
  /** The lanes of a pipeline's board (its stages) and the pipelines to switch to, for the console. */
  board(actor: Actor, pipeline?: string): Promise<Board>;
  /** Runs the time-triggered automation rules now (the job does it every `timeRulesEvery`). */
  runTimeRules(): Promise<TimeRulesReport>;
}

/** The token of the {@link SalesService}. */
export const SALES = createToken<SalesService>(`${SALES_PLUGIN_ID}.service`);

/** Creates the service of one plugin instance (its factory gets the kernel and the options). */
export function createSalesService(kernel: Kernel, options: SalesOptions): SalesService {
  return {
    convertLead: (actor, leadId, input) => convertLead(kernel, actor, leadId, input),
    async reopenDeal(actor, dealId, input) {
      kernel.access.assert(actor, 'deal', 'reopen');
      if (typeof input?.reason !== 'string' || input.reason.trim() === '') {
        throw fieldError('deal', 'reason', 'sales.reopen', 'is required: say why the deal is reopened');
      }
      return kernel.transaction(async (tx) => {
        const deals = tx.data<Deal>('deal', { actor });
        const deal = (await deals.get(dealId)) as DealRecord;
        if (!deal.outcome)
          throw fieldError(
            'deal',
            'stage',
            'sales.reopen',
            `is '${deal.stage}', an open stage: only a won or lost deal is reopened`,
          );
        const pipeline = await requirePipeline(
          tx.data<Pipeline>('pipeline', { actor }),
          'deal',
          deal.pipeline as string,
        );
        const stage = input.stage ?? deal.furthestStage ?? openStages(pipeline)[0]?.key;
        return (await deals.update(
          deal.id,
          { stage, reopenReason: input.reason.trim() },
          { expectedVersion: deal.version },
        )) as DealRecord;
      });
    },
    funnel: (actor, filters) => funnelReport(kernel, actor, options, filters),
    forecast: (actor, filters) => forecastReport(kernel, actor, options, filters),
    velocity: (actor, filters) => velocityReport(kernel, actor, options, filters),
    board: (actor, pipeline) => pipelineBoard(kernel, actor, options, pipeline),
    runTimeRules: () => runTimeRules(kernel),
  };
}
