import { defineEntity, definePlugin } from '@rapport/core';
import type { Money } from '../entities/money.js';
import { CUSTOMER_HOOKS } from '../hooks/customer-hooks.js';
import { timelineWhere } from '../timeline/timeline-cursor.js';
import { CUSTOMER_VALUE } from '../value/value-recorder.js';

/** An order of the test plugin. */
export interface TestOrder {
  customerId: string;
  title: string;
  total: Money;
  placedAt: string;
  product: string;
}

/** A plugin standing in for sales: it taps every hook the customers plugin publishes. */
export const ordersTestPlugin = definePlugin({
  id: 'orders',
  version: '0.0.1',
  dependsOn: ['customers'],
  register(ctx) {
    ctx.entities.define(
      defineEntity<TestOrder>({
        name: 'testOrder',
        plural: 'testOrders',
        schema: {
          type: 'object',
          properties: {
            customerId: { type: 'string' },
            title: { type: 'string' },
            total: { type: 'object' },
            placedAt: { type: 'string', format: 'date-time' },
            product: { type: 'string' },
          },
          required: ['customerId', 'title', 'total', 'placedAt', 'product'],
        },
        indexes: [['customerId', 'placedAt']],
      }),
    );
    const hooks = ctx.hooks.get(CUSTOMER_HOOKS);

    // Value: every order feeds ABC, RFM and lifecycle through the recorder (idempotent per order).
    ctx.hooks.entity<TestOrder>('testOrder').afterCreate.tapPromise('orders', async (order, write) => {
      write.emit('orders.order.placed', { orderId: order.id });
    });
    ctx.events.on<{ orderId: string }>('orders.order.placed', async (event, handler) => {
      const order = await handler.data<TestOrder>('testOrder').get(event.payload.orderId);
      await handler.resolve(CUSTOMER_VALUE).record({
        customerId: order.customerId,
        amount: order.total,
        at: order.placedAt,
        source: 'orders.order',
        sourceId: order.id,
      });
    });

    // Merge: move this plugin's references inside the merge transaction.
    hooks.merge.tapPromise('orders', async (request) => {
      const orders = request.write.system<TestOrder>('testOrder');
      const { items } = await orders.find({ where: { customerId: request.mergedId }, limit: 500 });
      for (const order of items) await orders.update(order.id, { customerId: request.survivorId });
      request.moved('testOrder', items.length);
    });

    // Timeline: contribute orders, older than the cursor, newest first.
    hooks.timeline.tapPromise('orders', async (request) => {
      if (!request.canRead('testOrder')) return;
      const page = await request.data<TestOrder>('testOrder').find({
        where: { customerId: request.customerId, ...timelineWhere('placedAt', request.before) },
        sort: ['-placedAt', '-id'],
        limit: request.limit,
      });
      request.add(
        page.items.map((order) => ({
          id: order.id,
          at: order.placedAt,
          source: 'orders',
          type: 'order.placed',
          title: order.title,
          ref: { entity: 'testOrder', id: order.id },
          data: { total: order.total },
        })),
      );
    });

    // Profile: what the customer buys (Product) and an open-pipeline guess (Prospecting).
    hooks.profile.tapPromise('orders', async (request) => {
      const rows = await request.data('testOrder').aggregate({
        where: { customerId: request.customerId },
        groupBy: ['product'],
        measures: { n: 'count' },
      });
      request.contribute('product', {
        source: 'orders',
        summary: `${rows.length} product(s)`,
        data: { products: Object.fromEntries(rows.map((r) => [String(r.product), Number(r.n)])) },
      });
      request.contribute('prospecting', { source: 'orders', data: { openOrders: 0 } });
    });
  },
});
