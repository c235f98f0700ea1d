import { dateTime, defineEntity, definePlugin, numberBetween, text } from '@rapport/core';

/** A sale of the test shop: an amount at an instant, maybe returned. */
export interface Sale {
  amount: number;
  at: string;
  returned?: boolean;
  note?: string;
}

const SaleEntity = defineEntity<Sale>({
  name: 'sale',
  plural: 'sales',
  schema: {
    type: 'object',
    properties: {
      amount: numberBetween(0, 1e9),
      at: dateTime,
      returned: { type: 'boolean', default: false },
      note: text(),
    },
    required: ['amount', 'at'],
  },
  indexes: ['at'],
});

/**
 * A plugin standing in for any plugin that publishes metrics: `shop.revenue` (sum of the sales in
 * the period, null without any) and `shop.returnRate` (returned ÷ sold, lower is better).
 */
export const shop = definePlugin({
  id: 'shop',
  version: '0.0.0',
  register(ctx) {
    ctx.entities.define(SaleEntity);
    const inPeriod = (period: { from: number; to: number }) => ({
      at: { gte: new Date(period.from).toISOString(), lt: new Date(period.to).toISOString() },
    });
    ctx.metrics.define({
      id: 'shop.revenue',
      unit: 'EUR',
      better: 'higher',
      async compute(period, { data }) {
        const [row] = await data('sale').aggregate({
          where: inPeriod(period),
          measures: { n: 'count', total: 'sum:amount' },
        });
        return row && Number(row.n) > 0 ? Number(row.total) : null;
      },
    });
    ctx.metrics.define({
      id: 'shop.returnRate',
      unit: 'ratio',
      better: 'lower',
      async compute(period, { data }) {
        const sold = await data('sale').count(inPeriod(period));
        if (sold === 0) return null;
        const returned = await data('sale').count({ ...inPeriod(period), returned: true });
        return returned / sold;
      },
    });
  },
});
