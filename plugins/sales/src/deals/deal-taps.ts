import { isSystemActor, localMonth, type RegisterContext, type WriteContext } from '@rapport/core';
import type { Deal, DealRecord } from '../entities/deal.js';
import type { Pipeline } from '../entities/pipeline.js';
import { priceLines, weightedAmount } from '../money.js';
import type { SalesOptions } from '../options.js';
import { requirePipeline } from '../pipelines/stages.js';
import { SALES_PLUGIN_ID } from '../plugin-id.js';
import { SalesTapStage } from '../tap-stages.js';
import { givenFields } from './deal-checks.js';
import { deriveStage } from './derive-stage.js';

/** The kind a new deal gets when it names none: the pipeline's, else new or cross-sell. */
async function defaultKind(write: WriteContext<Deal>, deal: DealRecord, pipeline: Pipeline) {
  if (pipeline.dealKind) return pipeline.dealKind;
  const orders = await write.system('order').count({ customerId: deal.customerId, status: 'placed' });
  return orders > 0 ? 'cross-sell' : 'new';
}

/**
 * Weighted amount and months: what the reports group and sum. `expectedCloseMonth` is the
 * month of the local date `expectedCloseDate`; `closedMonth` is the month `closedAt` falls in
 * on the calendar of `timeZone` (the deployment's, at the time of the write).
 */
export function derivedNumbers(deal: DealRecord, timeZone: string): DealRecord {
  const next = { ...deal };
  // Whatever a rule set: a closed deal is certain.
  if (next.outcome === 'won') Object.assign(next, { probability: 100, forecastCategory: 'commit' });
  if (next.outcome === 'lost') Object.assign(next, { probability: 0, forecastCategory: 'omitted' });
  const amount = next.amount?.amount ?? 0;
  next.weightedAmount = next.outcome === 'lost' ? 0 : weightedAmount(amount, next.probability ?? 0);
  if (next.expectedCloseDate) next.expectedCloseMonth = next.expectedCloseDate.slice(0, 7);
  else delete next.expectedCloseMonth;
  if (next.closedAt) next.closedMonth = localMonth(Date.parse(next.closedAt), timeZone);
  else delete next.closedMonth;
  return next;
}

/**
 * The stage rules of `deal` in `beforeCreate`/`beforeUpdate` (see {@link deriveStage}): the
 * default pipeline and first stage, amounts priced from lines, the default kind, then — after the automation rules ran — the weighted amount (amount ×
 * probability / 100, rounded half to even per deal), the forecast months, and the owner of
 * a new deal that neither the writer nor a rule gave one (the creating actor).
 */
export function tapDealStageRules(ctx: RegisterContext<SalesOptions>): void {
  const hooks = ctx.hooks.entity<Deal>('deal');
  const stageRules = async (deal: DealRecord, write: WriteContext<Deal>): Promise<DealRecord> => {
    const pipeline = await requirePipeline(
      write.system<Pipeline>('pipeline'),
      'deal',
      deal.pipeline ?? ctx.options.defaultPipeline,
    );
    let next: DealRecord = { ...deal, pipeline: pipeline.key, stage: deal.stage ?? pipeline.stages[0]?.key };
    if (next.lines && next.lines.length > 0) {
      const priced = priceLines('deal', next.lines);
      next = { ...next, lines: priced.lines, amount: priced.total };
    }
    if (!write.previous) {
      if (!next.kind) next.kind = await defaultKind(write, next, pipeline);
    }
    return deriveStage({
      ...(write.previous ? { previous: write.previous as DealRecord } : {}),
      record: next,
      given: givenFields(write, deal),
      pipeline,
      now: write.now(),
    });
  };
  const tap = { name: SALES_PLUGIN_ID, stage: SalesTapStage.stage };
  hooks.beforeCreate.tapPromise(tap, stageRules);
  hooks.beforeUpdate.tapPromise(tap, stageRules);
  const derived = { name: SALES_PLUGIN_ID, stage: SalesTapStage.derived };
  hooks.beforeCreate.tapPromise(derived, async (deal, write) =>
    derivedNumbers(
      !deal.ownerId && !isSystemActor(write.actor) ? { ...deal, ownerId: write.actor.id } : deal,
      ctx.timeZone,
    ),
  );
  hooks.beforeUpdate.tapPromise(derived, async (deal) => derivedNumbers(deal, ctx.timeZone));
}
