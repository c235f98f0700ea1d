import type { RegisterContext, TileRow } from '@rapport/core';
import type { CustomersOptions } from './options.js';
import { declareCustomer360 } from './views/customer-360.js';

const GROUP = { en: 'Customers', 'zh-Hans': '客户' };

/**
 * The console views of future value: a panel on each customer's page with the prediction and its
 * sentence, tiles of customer equity, expected active customers and at-risk valuable customers on
 * a dashboard, and a menu entry. Every figure is read as the viewer (record rules apply).
 */
export function declareViews(ctx: RegisterContext<CustomersOptions>): void {
  declareCustomer360(ctx);
  ctx.views.declare({
    id: 'customers.futureValue',
    kind: 'panel',
    title: { en: 'Future value', 'zh-Hans': '未来价值' },
    entity: 'customer',
    content: { route: '/api/customers/{id}/future-value', render: 'keyValue' },
    order: 20,
  });
  const tileRows: TileRow[] = [
    ['customers.equityTile', 'customers.customerEquity', { en: 'Customer equity', 'zh-Hans': '客户资产' }],
    [
      'customers.expectedActiveTile',
      'customers.expectedActive',
      { en: 'Expected active', 'zh-Hans': '预计活跃' },
    ],
    [
      'customers.atRiskTile',
      'customers.atRiskValuable',
      { en: 'Valuable at risk', 'zh-Hans': '流失风险大客户' },
    ],
  ];
  const tiles = ctx.views.tiles(tileRows, { period: 'month' });
  ctx.views.declare({
    id: 'customers.futureValueHoldout',
    kind: 'chart',
    chart: 'bar',
    title: {
      en: 'Model check: predicted vs actual repeat purchases, last 26 weeks',
      'zh-Hans': '模型检验：近 26 周预测与实际复购',
    },
    description: {
      en: 'Fitted on purchases up to 26 weeks ago, by repeat purchases before then (x = 0 … 7+).',
      'zh-Hans': '用 26 周前的购买拟合，按此前复购次数分组（x = 0 … 7+）。',
    },
    source: { route: '/api/customers/future-value/holdout?weeks=26' },
  });
  ctx.views.declare({
    id: 'customers.futureValueDashboard',
    kind: 'dashboard',
    title: { en: 'Future value', 'zh-Hans': '未来价值' },
    items: [...tiles, 'customers.futureValueHoldout'],
  });
  ctx.views.menu({
    id: 'customers.futureValueMenu',
    title: { en: 'Future value', 'zh-Hans': '未来价值' },
    group: GROUP,
    target: { view: 'customers.futureValueDashboard' },
  });
}
