import { type EventHandlerContext, KERNEL, type RegisterContext } from '@rapport/core';
import type { Entry } from '../entities/entry.js';
import type { Member, MemberRecord } from '../entities/member.js';
import type { Programme, ProgrammeRecord } from '../entities/programme.js';
import { reverse } from '../ledger/ledger-ops.js';
import type { LoyaltyOptions } from '../options.js';
import { LOYALTY_PLUGIN_ID } from '../plugin-id.js';
import { earnOnOrder, type OrderLike, orderKey } from './earn-on-order.js';

async function membershipsOf(handler: EventHandlerContext, customerId: string) {
  const members = await handler
    .data<Member>('loyaltyMember')
    .find({ where: { customerId, status: 'active' }, limit: 100 });
  const programmes = handler.data<Programme>('loyaltyProgramme');
  const out = [];
  for (const member of members.items)
    out.push({
      member: member as MemberRecord,
      programme: (await programmes.get(member.programmeId)) as ProgrammeRecord,
    });
  return out;
}

/**
 * With sales installed: a placed order earns points in every active programme of its currency
 * the customer is a member of; a cancelled order reverses exactly what it earned (including
 * points already redeemed). Handlers are not transactional: each posting is a transaction of
 * its own, and the order key makes a redelivery a replay.
 */
export function subscribeOrderEarning(ctx: RegisterContext<LoyaltyOptions>): void {
  if (!ctx.plugins.has('sales')) return;
  ctx.events.on<{ orderId: string }>(
    'sales.order.placed',
    async (event, handler) => {
      const order = (await handler.data('order').get(event.payload.orderId)) as unknown as OrderLike;
      if (!order.total || order.status === 'cancelled') return;
      for (const { member, programme } of await membershipsOf(handler, order.customerId)) {
        if (programme.status === 'closed' || programme.currency !== order.total.currency) continue;
        await earnOnOrder(handler.resolve(KERNEL), programme, member, order);
      }
    },
    { id: `${LOYALTY_PLUGIN_ID}:orderEarn`, transactional: false },
  );
  ctx.events.on<{ orderId: string }>(
    'sales.order.cancelled',
    async (event, handler) => {
      const entries = await handler
        .data<Entry>('loyaltyEntry')
        .find({ where: { idempotencyKey: orderKey(event.payload.orderId), kind: 'earn' }, limit: 100 });
      for (const entry of entries.items) {
        await reverse(handler.resolve(KERNEL), entry.id, `order ${event.payload.orderId} cancelled`);
      }
    },
    { id: `${LOYALTY_PLUGIN_ID}:orderReverse`, transactional: false },
  );
}
