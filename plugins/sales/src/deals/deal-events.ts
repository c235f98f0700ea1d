import { ConflictError, type RegisterContext, type WriteContext } from '@rapport/core';
import type { Deal, DealRecord } from '../entities/deal.js';
import type { SalesOptions } from '../options.js';
import { SALES_PLUGIN_ID } from '../plugin-id.js';
import { SalesTapStage } from '../tap-stages.js';
import { stageChanged } from './derive-stage.js';

/** The payload every deal event carries. */
export function dealPayload(deal: DealRecord): Record<string, unknown> {
  return {
    dealId: deal.id,
    customerId: deal.customerId,
    pipeline: deal.pipeline,
    stage: deal.stage,
    amount: deal.amount,
    ...(deal.ownerId ? { ownerId: deal.ownerId } : {}),
    ...(deal.kind ? { kind: deal.kind } : {}),
  };
}

/**
 * Deal events, written to the outbox in the deal's transaction: `sales.deal.created`,
 * `sales.deal.stageChanged` (from, to, at), `sales.deal.won` / `sales.deal.lost` (closedAt,
 * reason), `sales.deal.reopened` (from the outcome). Deleting a deal that has orders is refused
 * (409): cancel the orders, or reopen the deal.
 */
export function tapDealEvents(ctx: RegisterContext<SalesOptions>): void {
  const hooks = ctx.hooks.entity<Deal>('deal');
  const emit = async (deal: DealRecord, write: WriteContext<Deal>) => {
    const previous = write.previous as DealRecord | undefined;
    const base = dealPayload(deal);
    if (!previous) write.emit(`${SALES_PLUGIN_ID}.deal.created`, base);
    else if (stageChanged(previous, deal)) {
      write.emit(`${SALES_PLUGIN_ID}.deal.stageChanged`, {
        ...base,
        from: previous.stage,
        fromPipeline: previous.pipeline,
        to: deal.stage,
        at: deal.stageEnteredAt,
      });
    }
    if (deal.outcome && deal.outcome !== previous?.outcome) {
      write.emit(`${SALES_PLUGIN_ID}.deal.${deal.outcome}`, {
        ...base,
        closedAt: deal.closedAt,
        ...(deal.outcomeReason ? { reason: deal.outcomeReason } : {}),
      });
    }
    if (previous?.outcome && !deal.outcome) {
      write.emit(`${SALES_PLUGIN_ID}.deal.reopened`, {
        ...base,
        from: previous.outcome,
        reason: deal.reopenReason,
      });
    }
  };
  const tap = { name: SALES_PLUGIN_ID, stage: SalesTapStage.stage };
  hooks.afterCreate.tapPromise(tap, emit);
  hooks.afterUpdate.tapPromise(tap, emit);
  hooks.beforeDelete.tapPromise(tap, async (deal, write) => {
    const orders = await write.system('order').count({ dealId: deal.id });
    if (orders > 0) {
      throw ConflictError.state(
        `deal '${deal.title}' (${deal.id}) has ${orders} order(s); it cannot be deleted`,
        { entity: 'deal', id: deal.id, orders },
      );
    }
  });
}
