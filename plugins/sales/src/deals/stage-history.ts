import type { RegisterContext, WriteContext } from '@rapport/core';
import type { Deal, DealRecord } from '../entities/deal.js';
import type { DealStageChange, DealStageChangeRecord } from '../entities/deal-stage-change.js';
import type { Pipeline } from '../entities/pipeline.js';
import { DAY_MS, type SalesOptions } from '../options.js';
import { kindOf, requirePipeline, requireStage } from '../pipelines/stages.js';
import { SALES_PLUGIN_ID } from '../plugin-id.js';
import { SalesTapStage } from '../tap-stages.js';
import { stageChanged } from './derive-stage.js';

/** Closes the deal's open stay (if any) at `at`; answers how many were closed. */
export async function closeOpenStay(
  write: Pick<WriteContext, 'system'>,
  dealId: string,
  at: string,
): Promise<number> {
  const stays = write.system<DealStageChange>('dealStageChange');
  const { items } = await stays.find({ where: { dealId, leftAt: { exists: false } }, limit: 10 });
  for (const stay of items as DealStageChangeRecord[]) {
    const days = Math.max(0, (Date.parse(at) - Date.parse(stay.enteredAt)) / DAY_MS);
    await stays.update(stay.id, { leftAt: at, days });
  }
  return items.length;
}

/**
 * Keeps the stage history: when a deal enters a stage (created, moved, won, lost, reopened), the
 * open `dealStageChange` is closed (`leftAt`, `days`) and a new one opened — in the deal's own
 * transaction, as the system. Deleting a deal deletes its history.
 */
export function tapStageHistory(ctx: RegisterContext<SalesOptions>): void {
  const hooks = ctx.hooks.entity<Deal>('deal');
  const record = async (deal: DealRecord, write: WriteContext<Deal>) => {
    const previous = write.previous as DealRecord | undefined;
    if (!stageChanged(previous, deal)) return;
    const at = deal.stageEnteredAt as string;
    if (previous) await closeOpenStay(write, deal.id, at);
    const pipeline = await requirePipeline(
      write.system<Pipeline>('pipeline'),
      'deal',
      deal.pipeline as string,
    );
    const stage = requireStage('deal', pipeline, deal.stage);
    await write.system<DealStageChange>('dealStageChange').create({
      dealId: deal.id,
      customerId: deal.customerId,
      pipeline: pipeline.key,
      stage: stage.key,
      stageKind: kindOf(stage),
      enteredAt: at,
      ...(deal.ownerId ? { ownerId: deal.ownerId } : {}),
    });
  };
  const tap = { name: SALES_PLUGIN_ID, stage: SalesTapStage.stage };
  hooks.afterCreate.tapPromise(tap, record);
  hooks.afterUpdate.tapPromise(tap, record);
  hooks.afterDelete.tapPromise(tap, async (deal, write) => {
    const stays = write.system('dealStageChange');
    for (;;) {
      const { items } = await stays.find({ where: { dealId: deal.id }, limit: 200, fields: ['id'] });
      if (items.length === 0) return;
      for (const item of items) await stays.delete(item.id);
    }
  });
}
