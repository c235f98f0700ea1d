import type { CustomerHooks, TimelineItem, TimelineRequest } from '@rapport/plugin-customers';
import { timelineWhere } from '@rapport/plugin-customers';
import type { Deal, DealRecord } from '../entities/deal.js';
import type { DealStageChange, DealStageChangeRecord } from '../entities/deal-stage-change.js';
import type { Order, OrderRecord } from '../entities/order.js';
import { SALES_PLUGIN_ID } from '../plugin-id.js';

const money = (m: { amount: number; currency: string } | undefined) =>
  m ? `${(m.amount / 100).toFixed(2)} ${m.currency}` : '';

async function dealsOpened(request: TimelineRequest): Promise<TimelineItem[]> {
  if (!request.canRead('deal')) return [];
  const page = await request.data<Deal>('deal').find({
    where: { customerId: request.customerId, ...timelineWhere('openedAt', request.before) },
    sort: ['-openedAt', '-id'],
    limit: request.limit,
  });
  return (page.items as DealRecord[]).map((deal) => ({
    id: deal.id,
    at: deal.openedAt ?? deal.createdAt,
    source: SALES_PLUGIN_ID,
    type: 'deal.opened',
    title: `Deal opened: ${deal.title}`,
    summary: `${money(deal.amount)} in ${deal.pipeline}; now ${deal.outcome ?? deal.stage}`,
    ...(deal.ownerId ? { byId: deal.ownerId } : {}),
    ref: { entity: 'deal', id: deal.id },
    data: { amount: deal.amount, pipeline: deal.pipeline, stage: deal.stage, outcome: deal.outcome ?? null },
  }));
}

async function dealsClosed(request: TimelineRequest): Promise<TimelineItem[]> {
  if (!request.canRead('dealStageChange')) return [];
  const page = await request.data<DealStageChange>('dealStageChange').find({
    where: {
      customerId: request.customerId,
      stageKind: { in: ['won', 'lost'] },
      ...timelineWhere('enteredAt', request.before),
    },
    sort: ['-enteredAt', '-id'],
    limit: request.limit,
  });
  return (page.items as DealStageChangeRecord[]).map((change) => ({
    id: change.id,
    at: change.enteredAt,
    source: SALES_PLUGIN_ID,
    type: `deal.${change.stageKind}`,
    title: change.stageKind === 'won' ? 'Deal won' : 'Deal lost',
    summary: `${change.pipeline} → ${change.stage}`,
    ...(change.ownerId ? { byId: change.ownerId } : {}),
    ref: { entity: 'deal', id: change.dealId },
    data: { pipeline: change.pipeline, stage: change.stage },
  }));
}

async function orders(request: TimelineRequest): Promise<TimelineItem[]> {
  if (!request.canRead('order')) return [];
  const page = await request.data<Order>('order').find({
    where: { customerId: request.customerId, ...timelineWhere('date', request.before) },
    sort: ['-date', '-id'],
    limit: request.limit,
  });
  return (page.items as OrderRecord[]).map((order) => ({
    id: order.id,
    at: order.date ?? order.createdAt,
    source: SALES_PLUGIN_ID,
    type: order.status === 'cancelled' ? 'order.cancelled' : 'order.placed',
    title: `Order ${order.externalId ?? ''}`.trim(),
    summary: `${money(order.total)}${order.lines ? `, ${order.lines.length} line(s)` : ''}`,
    ...(order.ownerId ? { byId: order.ownerId } : {}),
    ref: { entity: 'order', id: order.id },
    data: { total: order.total, status: order.status, ...(order.dealId ? { dealId: order.dealId } : {}) },
  }));
}

/**
 * The customer timeline: deals (when opened, with their current stage), wins and losses (from
 * the stage history, when they happened) and orders (when placed), newest first, as the caller
 * sees them (record rules apply; a source the caller may not read adds nothing).
 */
export function tapCustomerTimeline(hooks: CustomerHooks): void {
  hooks.timeline.tapPromise(SALES_PLUGIN_ID, async (request) => {
    const parts = await Promise.all([dealsOpened(request), dealsClosed(request), orders(request)]);
    request.add(parts.flat());
  });
}
