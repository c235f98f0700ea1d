import {
  ConflictError,
  fieldError,
  isoTime,
  isSystemActor,
  type RegisterContext,
  sameJson,
  type WriteContext,
} from '@rapport/core';
import type { Deal } from '../entities/deal.js';
import type { Order, OrderRecord } from '../entities/order.js';
import { priceLines } from '../money.js';
import type { SalesOptions } from '../options.js';
import { SALES_PLUGIN_ID } from '../plugin-id.js';
import { requireCustomer, requireRecord } from '../references.js';
import { SalesTapStage } from '../tap-stages.js';

/** Fields of a stored order that never change (cancel it and place another instead). */
const FROZEN = ['lines', 'total', 'date', 'dealId', 'source'] as const;
const FUTURE_TOLERANCE_MS = 86_400_000;

/** The payload of the order events. */
export function orderPayload(order: OrderRecord): Record<string, unknown> {
  return {
    orderId: order.id,
    customerId: order.customerId,
    total: order.total,
    date: order.date,
    source: order.source,
    ...(order.dealId ? { dealId: order.dealId } : {}),
    ...(order.externalId ? { externalId: order.externalId } : {}),
  };
}

/**
 * Rules of `order`: the customer (and deal, of that customer) exist; with lines, the total is
 * their sum (lines in one currency; a different total is a 400), without lines a total is
 * required; the date is not more than a day ahead; an order is placed, then maybe cancelled —
 * a cancelled order stays cancelled, and a stored order's lines, total, date, deal and source
 * never change; a placed order is cancelled, not deleted (409). Events: `sales.order.placed` and `sales.order.cancelled`, from which the plugin
 * records the customer's value (purchase and refund) and loyalty plugins award points.
 */
export function tapOrderRules(ctx: RegisterContext<SalesOptions>): void {
  const hooks = ctx.hooks.entity<Order>('order');
  hooks.validate.tapPromise({ name: SALES_PLUGIN_ID, stage: SalesTapStage.checks }, async (write) => {
    if (write.operation === 'delete') return;
    const { record } = write;
    const previous = write.previous as OrderRecord | undefined;
    if (previous) {
      if (
        previous.status === 'cancelled' &&
        !sameJson(previous, {
          ...record,
          updatedAt: previous.updatedAt,
          version: previous.version,
          // A customer merge (the system) still moves a cancelled order.
          ...(isSystemActor(write.actor) ? { customerId: previous.customerId } : {}),
        })
      ) {
        throw fieldError('order', 'status', 'sales.cancelled', 'cannot change: the order is cancelled');
      }
      const frozen = [...FROZEN, ...(isSystemActor(write.actor) ? [] : (['customerId'] as const))].find(
        (field) => !sameJson(record[field], previous[field]),
      );
      if (frozen) {
        throw fieldError(
          'order',
          frozen,
          'sales.immutable',
          'cannot change once the order is placed; cancel it and place another',
        );
      }
    } else if (record.status === 'cancelled') {
      throw fieldError('order', 'status', 'sales.cancelled', 'a new order is placed; cancel it afterwards');
    }
    if (!previous) {
      if (record.lines && record.lines.length > 0) {
        const { total } = priceLines('order', record.lines);
        if (record.total && !sameJson(record.total, total)) {
          throw fieldError(
            'order',
            'total',
            'sales.lines',
            `is ${record.total.amount} ${record.total.currency}, but the lines add up to ${total.amount} ${total.currency}; leave it out to have it computed`,
          );
        }
      } else if (!record.total) {
        throw fieldError(
          'order',
          'total',
          'sales.required',
          'is required (or give lines to compute it from)',
        );
      }
      if (record.date && Date.parse(record.date) > write.now() + FUTURE_TOLERANCE_MS) {
        throw fieldError('order', 'date', 'sales.future', 'lies more than a day in the future');
      }
    }
    if (!previous || previous.customerId !== record.customerId)
      await requireCustomer(write, 'order', record.customerId);
    if (!previous && record.dealId) {
      const deal = await requireRecord<Deal>(write, 'order', 'deal', record.dealId, 'dealId');
      if (deal.customerId !== record.customerId) {
        throw fieldError(
          'order',
          'customerId',
          'sales.reference',
          `is not the customer of deal '${deal.id}' (${deal.customerId})`,
        );
      }
    }
  });

  hooks.beforeCreate.tapPromise(
    { name: SALES_PLUGIN_ID, stage: SalesTapStage.stage },
    async (order, write) => {
      const next: OrderRecord = {
        ...order,
        date: isoTime(order.date ? Date.parse(order.date) : write.now()),
      };
      if (next.lines && next.lines.length > 0) {
        const priced = priceLines('order', next.lines);
        next.lines = priced.lines;
        next.total = priced.total;
      }
      if (!next.ownerId && !isSystemActor(write.actor)) next.ownerId = write.actor.id;
      return next;
    },
  );
  hooks.beforeUpdate.tapPromise(
    { name: SALES_PLUGIN_ID, stage: SalesTapStage.stage },
    async (order, write: WriteContext<Order>) =>
      order.status === 'cancelled' && write.previous?.status !== 'cancelled'
        ? { ...order, cancelledAt: isoTime(write.now()) }
        : order,
  );

  hooks.beforeDelete.tapPromise(SALES_PLUGIN_ID, async (order) => {
    if (order.status !== 'cancelled') {
      throw ConflictError.state(
        `order ${order.id} is placed: cancel it (status cancelled) instead of deleting it`,
        { entity: 'order', id: order.id },
      );
    }
  });
  hooks.afterCreate.tapPromise(SALES_PLUGIN_ID, async (order, write) => {
    write.emit(`${SALES_PLUGIN_ID}.order.placed`, orderPayload(order as OrderRecord));
  });
  hooks.afterUpdate.tapPromise(SALES_PLUGIN_ID, async (order, write) => {
    if (order.status === 'cancelled' && write.previous?.status !== 'cancelled') {
      write.emit(`${SALES_PLUGIN_ID}.order.cancelled`, {
        ...orderPayload(order as OrderRecord),
        cancelledAt: order.cancelledAt,
        ...(order.cancelReason ? { reason: order.cancelReason } : {}),
      });
    }
  });
}
