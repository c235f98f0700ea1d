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
    id: 'customers.futureValueDashboard',
    kind: 'dashboard',
    title: { en: 'Future value', 'zh-Hans': '未来价值' },
    items: tiles,
  });
  ctx.views.menu({
    id: 'customers.futureValueMenu',
    title: { en: 'Future value', 'zh-Hans': '未来价值' },
    group: GROUP,
    target: { view: 'customers.futureValueDashboard' },
  });
}
