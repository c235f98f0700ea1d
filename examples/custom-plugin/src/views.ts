import type { RegisterContext } from '@rapport/core';
import { NPS_RESPONSES, NPS_SCORE } from './metrics.js';

/**
 * The console views, as data: the list of answers (detractors first to follow up), a panel of
 * them on each customer's page, NPS and answer tiles for this quarter, a chart of NPS by month,
 * a dashboard holding them, and a menu entry.
 */
export function declareViews(ctx: RegisterContext): void {
  ctx.views.declare({
    id: 'nps.responses',
    kind: 'list',
    title: { en: 'NPS answers', 'zh-Hans': 'NPS 回答' },
    entity: 'npsResponse',
    columns: ['customerId', 'score', 'comment', 'answeredAt'],
    sort: ['score', '-answeredAt'],
    filters: ['score'],
  });
  ctx.views.declare({
    id: 'nps.customerResponses',
    kind: 'panel',
    title: { en: 'NPS answers', 'zh-Hans': 'NPS 回答' },
    entity: 'customer',
    content: {
      related: {
        entity: 'npsResponse',
        foreignKey: 'customerId',
        columns: ['score', 'comment', 'answeredAt'],
      },
    },
  });
  ctx.views.declare({
    id: 'nps.scoreThisQuarter',
    kind: 'tile',
    title: { en: 'NPS this quarter', 'zh-Hans': '本季度 NPS' },
    metric: NPS_SCORE,
    period: 'quarter',
  });
  ctx.views.declare({
    id: 'nps.answersThisQuarter',
    kind: 'tile',
    title: { en: 'Answers this quarter', 'zh-Hans': '本季度回答' },
    metric: NPS_RESPONSES,
    period: 'quarter',
  });
  ctx.views.declare({
    id: 'nps.scoreByMonth',
    kind: 'chart',
    chart: 'line',
    title: { en: 'NPS by month', 'zh-Hans': '每月 NPS' },
    source: { metric: NPS_SCORE, period: 'month', last: 12 },
  });
  ctx.views.declare({
    id: 'nps.dashboard',
    kind: 'dashboard',
    title: { en: 'Net Promoter Score', 'zh-Hans': '净推荐值' },
    items: ['nps.scoreThisQuarter', 'nps.answersThisQuarter', 'nps.scoreByMonth'],
  });
  ctx.views.menu({
    id: 'nps.menu',
    title: { en: 'Net Promoter Score', 'zh-Hans': '净推荐值' },
    group: { en: 'Customers', 'zh-Hans': '客户' },
    target: { view: 'nps.dashboard' },
  });
}
