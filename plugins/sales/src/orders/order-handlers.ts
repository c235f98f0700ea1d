import {
  type DomainEvent,
  type EventHandlerContext,
  NotFoundError,
  type RegisterContext,
  ValidationError,
} from '@rapport/core';
import { CUSTOMER_VALUE, type CustomerValue } from '@rapport/plugin-customers';
import type { Deal, DealRecord } from '../entities/deal.js';
import type { Order, OrderRecord } from '../entities/order.js';
import type { SalesOptions } from '../options.js';
import { SALES_PLUGIN_ID } from '../plugin-id.js';

/** Value sources the plugin reports to the customers plugin (with the order id as `sourceId`). */
export const VALUE_SOURCES = {
  purchase: `${SALES_PLUGIN_ID}.order`,
  refund: `${SALES_PLUGIN_ID}.order.cancel`,
} as const;

/** Records one value event; a value the customers plugin refuses for good (another currency) is logged and skipped. */
async function recordValue(handler: EventHandlerContext, value: CustomerValue): Promise<void> {
  try {
    await handler.resolve(CUSTOMER_VALUE).record(value);
  } catch (error) {
    const rule = error instanceof ValidationError ? error.errors[0]?.rule : undefined;
    if (rule !== 'customers.currency') throw error;
    handler.logger.warn(
      { customerId: value.customerId, sourceId: value.sourceId, currency: value.amount.currency },
      'order not fed to customer value: it is not in the customers reporting currency',
    );
  }
}

/** The record, or undefined when it was deleted since the event (nothing left to do). */
async function loadIfAny<T>(
  handler: EventHandlerContext,
  entity: string,
  id: string,
): Promise<T | undefined> {
  try {
    return (await handler.data<T>(entity).get(id)) as T;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/** A won deal places its order (once: a redelivered or repeated event finds the order placed). */
export async function placeOrderForDeal(
  event: DomainEvent<{ dealId: string }>,
  handler: EventHandlerContext,
) {
  const deal = await loadIfAny<DealRecord>(handler, 'deal', event.payload.dealId);
  if (deal?.outcome !== 'won') return; // deleted, or reopened before the order was placed
  const orders = handler.data<Order>('order');
  if ((await orders.count({ dealId: deal.id, status: 'placed' })) > 0) return;
  await orders.create({
    customerId: deal.customerId,
    dealId: deal.id,
    source: 'deal',
    date: deal.closedAt as string,
    ...(deal.lines && deal.lines.length > 0
      ? { lines: deal.lines }
      : { total: deal.amount as NonNullable<Deal['amount']> }),
    ...(deal.ownerId ? { ownerId: deal.ownerId } : {}),
  });
}

/** A won deal that is reopened cancels the orders it placed (their value is refunded). */
export async function cancelOrdersOfDeal(
  event: DomainEvent<{ dealId: string; from: string; reason?: string }>,
  handler: EventHandlerContext,
) {
  if (event.payload.from !== 'won') return;
  const orders = handler.data<Order>('order');
  const { items } = await orders.find({
    where: { dealId: event.payload.dealId, status: 'placed' },
    limit: 100,
  });
  for (const order of items) {
    await orders.update(order.id, {
      status: 'cancelled',
      cancelReason: `the deal was reopened${event.payload.reason ? `: ${event.payload.reason}` : ''}`.slice(
        0,
        1000,
      ),
    });
  }
}

/**
 * The event handlers of orders, all transactional (their writes commit with the delivery mark,
 * so they happen once): a won deal places an order; a reopened won deal cancels it; a placed
 * order records a purchase and a cancelled one a refund through `CUSTOMER_VALUE` (idempotent on
 * the order id), which is how orders reach ABC classes, RFM scores and lifecycle stages.
 */
export function subscribeOrderHandlers(ctx: RegisterContext<SalesOptions>): void {
  ctx.events.on(`${SALES_PLUGIN_ID}.deal.won`, placeOrderForDeal as never, {
    id: `${SALES_PLUGIN_ID}:placeOrder`,
  });
  ctx.events.on(`${SALES_PLUGIN_ID}.deal.reopened`, cancelOrdersOfDeal as never, {
    id: `${SALES_PLUGIN_ID}:cancelOrders`,
  });
  ctx.events.on<{ orderId: string }>(
    `${SALES_PLUGIN_ID}.order.placed`,
    async (event, handler) => {
      const order = await loadIfAny<OrderRecord>(handler, 'order', event.payload.orderId);
      if (!order?.total) return;
      await recordValue(handler, {
        customerId: order.customerId,
        amount: order.total,
        at: order.date as string,
        kind: 'purchase',
        source: VALUE_SOURCES.purchase,
        sourceId: order.id,
      });
    },
    { id: `${SALES_PLUGIN_ID}:orderValue` },
  );
  ctx.events.on<{ orderId: string }>(
    `${SALES_PLUGIN_ID}.order.cancelled`,
    async (event, handler) => {
      const order = await loadIfAny<OrderRecord>(handler, 'order', event.payload.orderId);
      if (!order?.total || order.total.amount === 0) return;
      await recordValue(handler, {
        customerId: order.customerId,
        amount: { amount: -order.total.amount, currency: order.total.currency },
        at: order.cancelledAt as string,
        kind: 'refund',
        source: VALUE_SOURCES.refund,
        sourceId: order.id,
      });
    },
    { id: `${SALES_PLUGIN_ID}:orderRefund` },
  );
}
