import type { RegisterContext, Repository } from '@rapport/core';
import type { Lead, Order } from '@rapport/plugin-sales';
import type { Conversion } from '../entities/conversion.js';
import type { CampaignsOptions } from '../options.js';
import { CAMPAIGNS_PLUGIN_ID } from '../plugin-id.js';
import { recordConversion, type SystemData } from './credit.js';

/** What the plugin adds to orders and leads: the campaign code a customer quoted. */
const CODE_FIELD = {
  properties: {
    campaignCode: {
      type: 'string',
      minLength: 2,
      maxLength: 40,
      pattern: '^[A-Za-z0-9_-]+$',
      description: 'The code of the campaign that brought it (credits that campaign).',
    },
  },
};

type Coded = { campaignCode?: string };

/**
 * With the sales plugin installed: orders and leads may carry a `campaignCode`; a placed order
 * (with its total as revenue) and a lead of a known customer or quoting a code are recorded as
 * conversions in their own transaction (see {@link recordConversion}), so an order is credited
 * exactly once, with the order, or not at all. A cancelled order loses its credit. Won deals are
 * not counted apart: the order a won deal makes is the conversion (no double counting).
 */
export function tapSalesConversions(ctx: RegisterContext<CampaignsOptions>): void {
  ctx.entities.extend('order', CODE_FIELD);
  ctx.entities.extend('lead', CODE_FIELD);
  const days = ctx.options.attributionDays;
  ctx.hooks
    .entity<Order & Coded>('order')
    .afterCreate.tapPromise(CAMPAIGNS_PLUGIN_ID, async (order, write) => {
      if (order.status === 'cancelled') return;
      await recordConversion(
        write.system as SystemData,
        {
          kind: 'order',
          recordId: order.id,
          customerId: order.customerId,
          at: Date.parse(order.date ?? order.createdAt),
          ...(order.total ? { revenue: order.total } : {}),
          ...(order.campaignCode ? { code: order.campaignCode } : {}),
        },
        days,
      );
    });
  ctx.hooks.entity<Order>('order').afterUpdate.tapPromise(CAMPAIGNS_PLUGIN_ID, async (order, write) => {
    if (order.status !== 'cancelled' || write.previous?.status === 'cancelled') return;
    const conversions = write.system<Conversion>('campaignConversion') as Repository<Conversion>;
    const { items } = await conversions.find({ where: { kind: 'order', recordId: order.id }, limit: 1 });
    if (items[0]) await conversions.delete(items[0].id);
  });
  ctx.hooks.entity<Lead & Coded>('lead').afterCreate.tapPromise(CAMPAIGNS_PLUGIN_ID, async (lead, write) => {
    if (!lead.customerId && !lead.campaignCode) return;
    await recordConversion(
      write.system as SystemData,
      {
        kind: 'lead',
        recordId: lead.id,
        ...(lead.customerId ? { customerId: lead.customerId } : {}),
        at: write.now(),
        ...(lead.campaignCode ? { code: lead.campaignCode } : {}),
      },
      days,
    );
  });
}
