import type { RegisterContext, TileRow } from '@rapport/core';
import type { TicketsOptions } from './options.js';
import { TICKET_STATUSES } from './vocabulary.js';

const GROUP = { en: 'Service desk', 'zh-Hans': '客服工单' };

const STATUS_TITLES: Record<(typeof TICKET_STATUSES)[number], { en: string; 'zh-Hans': string }> = {
  new: { en: 'New', 'zh-Hans': '新建' },
  open: { en: 'Open', 'zh-Hans': '处理中' },
  pending: { en: 'Waiting on customer', 'zh-Hans': '待客户回复' },
  onHold: { en: 'On hold', 'zh-Hans': '挂起' },
  resolved: { en: 'Resolved', 'zh-Hans': '已解决' },
  closed: { en: 'Closed', 'zh-Hans': '已关闭' },
  reopened: { en: 'Reopened', 'zh-Hans': '重新打开' },
};

/** The statuses still being worked (the "open tickets" list). */
const WORKED = ['new', 'open', 'pending', 'onHold', 'reopened'];

/**
 * The console views, as data: ticket lists with status, priority and SLA columns (all, open,
 * mine), a board by status (moving a card changes the status through the status machine), a
 * ticket's replies and status history, a customer's tickets and equipment on their page, teams,
 * policies and calendars, tiles and a chart of the metrics on a dashboard, and menu entries.
 */
export function declareViews(ctx: RegisterContext<TicketsOptions>): void {
  const columns = [
    'reference',
    'subject',
    'customerId',
    'type',
    'priority',
    'status',
    'team',
    'assigneeId',
    'sla.firstResponse.status',
    'sla.resolution.status',
    'slaNearestDueAt',
  ];
  const filters = ['status', 'priority', 'type', 'team', 'assigneeId', 'customerId', 'channel'];
  ctx.views.declare({
    id: 'tickets.tickets',
    kind: 'list',
    title: { en: 'Tickets', 'zh-Hans': '工单' },
    entity: 'ticket',
    columns,
    sort: ['-createdAt'],
    filters,
  });
  ctx.views.declare({
    id: 'tickets.openTickets',
    kind: 'list',
    title: { en: 'Open tickets by SLA due', 'zh-Hans': '未结工单（按 SLA 到期）' },
    entity: 'ticket',
    columns,
    where: { status: { in: WORKED } },
    sort: ['slaNearestDueAt'],
    filters,
  });
  ctx.views.declare({
    id: 'tickets.myTickets',
    kind: 'list',
    title: { en: 'My tickets', 'zh-Hans': '我的工单' },
    entity: 'ticket',
    columns,
    where: { assigneeId: '$me', status: { in: WORKED } },
    sort: ['slaNearestDueAt'],
    filters,
  });
  ctx.views.declare({
    id: 'tickets.board',
    kind: 'kanban',
    title: { en: 'Tickets by status', 'zh-Hans': '工单看板' },
    entity: 'ticket',
    laneField: 'status',
    lanes: { values: TICKET_STATUSES.map((value) => ({ value, title: STATUS_TITLES[value] })) },
    card: {
      title: 'subject',
      fields: ['reference', 'priority', 'customerId', 'assigneeId', 'slaNearestDueAt'],
    },
    sort: ['slaNearestDueAt'],
  });
  ctx.views.declare({
    id: 'tickets.replies',
    kind: 'panel',
    title: { en: 'Conversation', 'zh-Hans': '沟通记录' },
    entity: 'ticket',
    content: {
      related: {
        entity: 'ticketReply',
        foreignKey: 'ticketId',
        columns: ['createdAt', 'author', 'public', 'channel', 'body'],
        sort: ['createdAt'],
      },
    },
    order: 10,
  });
  ctx.views.declare({
    id: 'tickets.statusHistory',
    kind: 'panel',
    title: { en: 'Status history', 'zh-Hans': '状态历史' },
    entity: 'ticket',
    content: {
      related: {
        entity: 'ticketStatusChange',
        foreignKey: 'ticketId',
        columns: ['at', 'from', 'to', 'actorId'],
        sort: ['at'],
      },
    },
    order: 20,
  });
  ctx.views.declare({
    id: 'tickets.customerTickets',
    kind: 'panel',
    title: { en: 'Tickets', 'zh-Hans': '工单' },
    entity: 'customer',
    content: {
      related: {
        entity: 'ticket',
        foreignKey: 'customerId',
        columns: ['reference', 'subject', 'priority', 'status', 'sla.resolution.status'],
        sort: ['-createdAt'],
      },
    },
    order: 70,
  });
  ctx.views.declare({
    id: 'tickets.customerAssets',
    kind: 'panel',
    title: { en: 'Equipment', 'zh-Hans': '设备档案' },
    entity: 'customer',
    content: {
      related: {
        entity: 'asset',
        foreignKey: 'customerId',
        columns: ['serialNumber', 'model', 'soldOn', 'warrantyUntil', 'location'],
        sort: ['serialNumber'],
      },
    },
    order: 71,
  });
  ctx.views.declare({
    id: 'tickets.assetTickets',
    kind: 'panel',
    title: { en: 'Tickets', 'zh-Hans': '工单' },
    entity: 'asset',
    content: {
      related: {
        entity: 'ticket',
        foreignKey: 'assetId',
        columns: ['reference', 'subject', 'type', 'status'],
        sort: ['-createdAt'],
      },
    },
  });
  const tileRows: TileRow[] = [
    ['tickets.backlogTile', 'tickets.backlog', { en: 'Backlog', 'zh-Hans': '积压工单' }],
    [
      'tickets.firstResponseTile',
      'tickets.firstResponseTime',
      { en: 'First response (business min)', 'zh-Hans': '首次响应（工作分钟）' },
    ],
    [
      'tickets.resolutionTile',
      'tickets.resolutionTime',
      { en: 'Resolution (business min)', 'zh-Hans': '解决时长（工作分钟）' },
    ],
    ['tickets.slaMetTile', 'tickets.slaMet', { en: 'SLA met', 'zh-Hans': 'SLA 达成率' }],
    ['tickets.csatTile', 'tickets.csat', { en: 'CSAT (4–5 of 5)', 'zh-Hans': '客户满意度（4–5 分）' }],
    [
      'tickets.complaintRateTile',
      'tickets.complaintRate',
      { en: 'Complaints per 100 customers', 'zh-Hans': '每百位客户投诉数' },
    ],
    ['tickets.reopenRateTile', 'tickets.reopenRate', { en: 'Reopen rate', 'zh-Hans': '重开率' }],
  ];
  const tiles = ctx.views.tiles(tileRows, { period: 'month' });
  ctx.views.declare({
    id: 'tickets.backlogByWeek',
    kind: 'chart',
    chart: 'line',
    title: { en: 'Backlog by week', 'zh-Hans': '每周积压' },
    source: { metric: 'tickets.backlog', period: 'week', last: 12 },
  });
  ctx.views.declare({
    id: 'tickets.slaMetByWeek',
    kind: 'chart',
    chart: 'bar',
    title: { en: 'SLA met by week', 'zh-Hans': '每周 SLA 达成率' },
    source: { metric: 'tickets.slaMet', period: 'week', last: 12 },
  });
  ctx.views.declare({
    id: 'tickets.byStatus',
    kind: 'chart',
    chart: 'pie',
    title: { en: 'Tickets by status', 'zh-Hans': '工单状态分布' },
    source: { aggregate: { entity: 'ticket', groupBy: ['status'], measure: 'count' } },
  });
  ctx.views.declare({
    id: 'tickets.dashboard',
    kind: 'dashboard',
    title: GROUP,
    items: [...tiles, 'tickets.backlogByWeek', 'tickets.slaMetByWeek', 'tickets.byStatus'],
  });
  const menu = [
    ['tickets.dashboardMenu', { en: 'Overview', 'zh-Hans': '概览' }, { view: 'tickets.dashboard' }],
    ['tickets.openMenu', { en: 'Open tickets', 'zh-Hans': '未结工单' }, { view: 'tickets.openTickets' }],
    ['tickets.mineMenu', { en: 'My tickets', 'zh-Hans': '我的工单' }, { view: 'tickets.myTickets' }],
    ['tickets.boardMenu', { en: 'Board', 'zh-Hans': '看板' }, { view: 'tickets.board' }],
    ['tickets.allMenu', { en: 'All tickets', 'zh-Hans': '全部工单' }, { view: 'tickets.tickets' }],
    ['tickets.teamsMenu', { en: 'Teams', 'zh-Hans': '团队' }, { entity: 'team' }],
    ['tickets.policiesMenu', { en: 'SLA policies', 'zh-Hans': 'SLA 策略' }, { entity: 'slaPolicy' }],
    [
      'tickets.calendarsMenu',
      { en: 'Business calendars', 'zh-Hans': '工作日历' },
      { entity: 'businessCalendar' },
    ],
    ['tickets.assetsMenu', { en: 'Equipment', 'zh-Hans': '设备档案' }, { entity: 'asset' }],
  ] as const;
  for (const [id, title, target] of menu) ctx.views.menu({ id, title, group: GROUP, target });
}
