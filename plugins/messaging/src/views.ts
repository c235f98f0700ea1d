import type { RegisterContext, TileRow } from '@rapport/core';
import type { MessagingOptions } from './options.js';

const GROUP = { en: 'Messaging', 'zh-Hans': '消息' };

/**
 * The console views, as data: the message log with filters and each message's delivery log;
 * a customer's consents and messages on their page; templates with a preview; tiles and a chart
 * of the metrics on a dashboard; and menu entries.
 */
export function declareViews(ctx: RegisterContext<MessagingOptions>): void {
  ctx.views.declare({
    id: 'messaging.messages',
    kind: 'list',
    title: { en: 'Message log', 'zh-Hans': '消息记录' },
    entity: 'message',
    columns: ['queuedAt', 'direction', 'channel', 'to', 'subject', 'purpose', 'status', 'attempts'],
    sort: ['-queuedAt'],
    filters: ['status', 'channel', 'purpose', 'direction', 'customerId', 'accountId'],
  });
  ctx.views.declare({
    id: 'messaging.deliveryLog',
    kind: 'panel',
    title: { en: 'Delivery log', 'zh-Hans': '投递记录' },
    entity: 'message',
    content: {
      related: {
        entity: 'deliveryEvent',
        foreignKey: 'messageId',
        columns: ['at', 'kind', 'attempt', 'outcome', 'status', 'answer', 'errorCode'],
        sort: ['at'],
      },
    },
  });
  ctx.views.declare({
    id: 'messaging.customerConsents',
    kind: 'panel',
    title: { en: 'Consents', 'zh-Hans': '营销许可' },
    entity: 'customer',
    content: { route: '/api/messaging/customers/{id}/consents', render: 'table' },
    order: 60,
  });
  ctx.views.declare({
    id: 'messaging.customerMessages',
    kind: 'panel',
    title: { en: 'Messages', 'zh-Hans': '消息' },
    entity: 'customer',
    content: {
      related: {
        entity: 'message',
        foreignKey: 'customerId',
        columns: ['queuedAt', 'direction', 'channel', 'subject', 'status'],
        sort: ['-queuedAt'],
      },
    },
    order: 61,
  });
  ctx.views.declare({
    id: 'messaging.templates',
    kind: 'list',
    title: { en: 'Templates', 'zh-Hans': '模板' },
    entity: 'messageTemplate',
    columns: ['key', 'channel', 'locale', 'purpose', 'subject'],
    sort: ['key', 'channel', 'locale'],
    filters: ['channel', 'locale', 'purpose'],
  });
  ctx.views.declare({
    id: 'messaging.templatePreview',
    kind: 'panel',
    title: { en: 'Preview', 'zh-Hans': '预览' },
    entity: 'messageTemplate',
    content: { route: '/api/messaging/templates/{id}/preview', render: 'keyValue' },
  });
  ctx.views.declare({
    id: 'messaging.suppressions',
    kind: 'list',
    title: { en: 'Suppressed addresses', 'zh-Hans': '屏蔽地址' },
    entity: 'suppression',
    columns: ['address', 'channel', 'reason', 'at'],
    sort: ['-at'],
    filters: ['channel', 'reason'],
  });
  const tileRows: TileRow[] = [
    ['messaging.sentTile', 'messaging.sent', { en: 'Sent this month', 'zh-Hans': '本月发送' }],
    ['messaging.deliveryTile', 'messaging.deliveryRate', { en: 'Delivery rate', 'zh-Hans': '送达率' }],
    ['messaging.bounceTile', 'messaging.bounceRate', { en: 'Bounce rate', 'zh-Hans': '退信率' }],
    ['messaging.optOutTile', 'messaging.optOutRate', { en: 'Opt-out rate', 'zh-Hans': '退订率' }],
  ];
  const tiles = ctx.views.tiles(tileRows, { period: 'month' });
  ctx.views.declare({
    id: 'messaging.sentByWeek',
    kind: 'chart',
    chart: 'bar',
    title: { en: 'Messages sent by week', 'zh-Hans': '每周发送' },
    source: { metric: 'messaging.sent', period: 'week', last: 12 },
  });
  ctx.views.declare({
    id: 'messaging.dashboard',
    kind: 'dashboard',
    title: GROUP,
    items: [...tiles, 'messaging.sentByWeek'],
  });
  ctx.views.menu({
    id: 'messaging.dashboardMenu',
    title: { en: 'Overview', 'zh-Hans': '概览' },
    group: GROUP,
    target: { view: 'messaging.dashboard' },
  });
  ctx.views.menu({
    id: 'messaging.messagesMenu',
    title: { en: 'Message log', 'zh-Hans': '消息记录' },
    group: GROUP,
    target: { view: 'messaging.messages' },
  });
  ctx.views.menu({
    id: 'messaging.templatesMenu',
    title: { en: 'Templates', 'zh-Hans': '模板' },
    group: GROUP,
    target: { view: 'messaging.templates' },
  });
  ctx.views.menu({
    id: 'messaging.accountsMenu',
    title: { en: 'Channel accounts', 'zh-Hans': '渠道账户' },
    group: GROUP,
    target: { entity: 'channelAccount' },
  });
  ctx.views.menu({
    id: 'messaging.suppressionsMenu',
    title: { en: 'Suppressions', 'zh-Hans': '屏蔽' },
    group: GROUP,
    target: { view: 'messaging.suppressions' },
  });
}
