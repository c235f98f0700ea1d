import type { RegisterContext } from '@rapport/core';
import type { SalesOptions } from './options.js';

const GROUP = { en: 'Sales', 'zh-Hans': '销售' };
const DEAL_COLUMNS = [
  'title',
  'customerId',
  'pipeline',
  'stage',
  'amount',
  'probability',
  'weightedAmount',
  'forecastCategory',
  'expectedCloseDate',
  'ownerId',
];
const DEAL_FILTERS = ['pipeline', 'stage', 'forecastCategory', 'kind', 'ownerId', 'expectedCloseDate'];
const LEAD_COLUMNS = ['name', 'company', 'email', 'status', 'score', 'estimatedValue', 'source', 'ownerId'];

/**
 * The console views, as data: deal and lead lists (all, open, mine), the pipeline board by stage
 * (a move changes the stage through the stage rules, so probability, weighted amount and
 * forecast category follow, and a refused move says why), lead conversion as an action on a
 * qualified lead's page, the funnel, weighted forecast and velocity charts on a dashboard, and a
 * customer's deals and leads on their page. Every figure is read as the viewer: a rep's board,
 * charts and lists hold their own deals.
 */
export function declareViews(ctx: RegisterContext<SalesOptions>): void {
  ctx.views.declare({
    id: 'sales.board',
    kind: 'kanban',
    title: { en: 'Pipeline', 'zh-Hans': '销售管道' },
    description: {
      en: 'Open deals by stage. Drag a card to another stage, or use its “Move to” list.',
      'zh-Hans': '按阶段显示进行中的商机。拖动卡片到其他阶段，或使用卡片上的“移动到”列表。',
    },
    entity: 'deal',
    laneField: 'stage',
    lanes: { route: '/api/sales/board?pipeline={pipeline}' },
    params: ['pipeline'],
    where: { outcome: { exists: false } },
    card: {
      title: 'title',
      fields: ['customerId', 'amount', 'probability', 'weightedAmount', 'forecastCategory', 'ownerId'],
    },
    sort: ['-expectedCloseDate'],
  });
  ctx.views.declare({
    id: 'sales.openDeals',
    kind: 'list',
    title: { en: 'Open deals', 'zh-Hans': '进行中的商机' },
    entity: 'deal',
    columns: DEAL_COLUMNS,
    where: { outcome: { exists: false } },
    sort: ['expectedCloseDate'],
    filters: DEAL_FILTERS,
  });
  ctx.views.declare({
    id: 'sales.myDeals',
    kind: 'list',
    title: { en: 'My open deals', 'zh-Hans': '我的商机' },
    entity: 'deal',
    columns: DEAL_COLUMNS,
    where: { ownerId: '$me', outcome: { exists: false } },
    sort: ['expectedCloseDate'],
    filters: DEAL_FILTERS,
  });
  ctx.views.declare({
    id: 'sales.openLeads',
    kind: 'list',
    title: { en: 'Open leads', 'zh-Hans': '待跟进线索' },
    entity: 'lead',
    columns: LEAD_COLUMNS,
    where: { status: { in: ['new', 'working', 'qualified'] } },
    sort: ['-score'],
    filters: ['status', 'source', 'ownerId', 'country'],
  });
  ctx.views.declare({
    id: 'sales.myTasks',
    kind: 'list',
    title: { en: 'My open activities', 'zh-Hans': '我的待办' },
    entity: 'activity',
    columns: ['subject', 'type', 'dueAt', 'customerId', 'dealId', 'leadId'],
    where: { ownerId: '$me', done: false },
    sort: ['dueAt'],
  });
  ctx.views.declare({
    id: 'sales.convertLead',
    kind: 'action',
    title: { en: 'Convert to customer and deal', 'zh-Hans': '转化为客户和商机' },
    description: {
      en: 'Makes (or finds, by phone or e-mail) the customer, a contact and a deal from this lead.',
      'zh-Hans': '根据此线索创建（或按电话、邮箱找到）客户、联系人和商机。',
    },
    entity: 'lead',
    route: '/api/sales/leads/{id}/convert',
    when: { status: 'qualified' },
    permission: 'lead:update',
    confirm: {
      en: 'Convert this lead? It becomes a customer with a deal, and the lead is closed as converted.',
      'zh-Hans': '转化此线索？它将成为带商机的客户，线索标记为已转化。',
    },
    open: { entity: 'deal', id: 'deal.id' },
    order: 10,
  });
  ctx.views.declare({
    id: 'sales.funnel',
    kind: 'chart',
    chart: 'bar',
    title: { en: 'Funnel: deals reaching each stage', 'zh-Hans': '漏斗：到达各阶段的商机' },
    source: {
      route: '/api/sales/funnel',
      points: {
        items: 'stages',
        label: 'name',
        series: [
          { value: 'reached.count', title: { en: 'Reached', 'zh-Hans': '到达' } },
          { value: 'lostHere.count', title: { en: 'Lost here', 'zh-Hans': '在此流失' } },
        ],
      },
    },
  });
  ctx.views.declare({
    id: 'sales.forecast',
    kind: 'chart',
    chart: 'bar',
    title: { en: 'Weighted forecast by category', 'zh-Hans': '按类别的加权预测' },
    source: {
      route: '/api/sales/forecast',
      points: {
        items: 'periods',
        label: 'period',
        series: [
          { value: 'categories.commit.weighted', title: { en: 'Commit', 'zh-Hans': '确定' } },
          { value: 'categories.best-case.weighted', title: { en: 'Best case', 'zh-Hans': '乐观' } },
          { value: 'categories.pipeline.weighted', title: { en: 'Pipeline', 'zh-Hans': '管道' } },
          { value: 'closedWon.amount', title: { en: 'Closed won', 'zh-Hans': '已赢单' } },
        ],
        unit: '$currency',
      },
    },
  });
  ctx.views.declare({
    id: 'sales.velocity',
    kind: 'chart',
    chart: 'bar',
    title: { en: 'Velocity: average days per stage', 'zh-Hans': '速度：各阶段平均天数' },
    source: {
      route: '/api/sales/velocity',
      points: {
        items: 'stages',
        label: 'name',
        series: [{ value: 'avgDays', title: { en: 'Days', 'zh-Hans': '天' } }],
        unit: 'days',
      },
    },
  });
  ctx.views.declare({
    id: 'sales.reports',
    kind: 'dashboard',
    title: { en: 'Sales reports', 'zh-Hans': '销售报表' },
    items: ['sales.funnel', 'sales.forecast', 'sales.velocity'],
  });
  ctx.views.declare({
    id: 'sales.customerDeals',
    kind: 'panel',
    title: { en: 'Deals', 'zh-Hans': '商机' },
    entity: 'customer',
    content: {
      related: {
        entity: 'deal',
        foreignKey: 'customerId',
        columns: ['title', 'stage', 'amount', 'probability', 'expectedCloseDate', 'outcome'],
        sort: ['-openedAt'],
      },
    },
    order: 40,
  });
  const menu: Array<[string, string, { en: string; 'zh-Hans': string }]> = [
    ['sales.boardMenu', 'sales.board', { en: 'Pipeline', 'zh-Hans': '销售管道' }],
    ['sales.openDealsMenu', 'sales.openDeals', { en: 'Open deals', 'zh-Hans': '进行中的商机' }],
    ['sales.myDealsMenu', 'sales.myDeals', { en: 'My open deals', 'zh-Hans': '我的商机' }],
    ['sales.openLeadsMenu', 'sales.openLeads', { en: 'Open leads', 'zh-Hans': '待跟进线索' }],
    ['sales.myTasksMenu', 'sales.myTasks', { en: 'My open activities', 'zh-Hans': '我的待办' }],
    ['sales.reportsMenu', 'sales.reports', { en: 'Reports', 'zh-Hans': '报表' }],
  ];
  menu.forEach(([id, view, title], index) => {
    ctx.views.menu({ id, title, group: GROUP, target: { view }, order: 10 + index });
  });
}
