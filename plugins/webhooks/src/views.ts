import type { RegisterContext, TileRow } from '@rapport/core';
import type { WebhooksOptions } from './options.js';

const GROUP = { en: 'Integrations', 'zh-Hans': '集成' };

/**
 * The console views, as data: lists of subscriptions and of the delivery log, a notice list of
 * the subscriptions the plugin disabled after failing (with its reason), the deliveries on a
 * subscription's page, buttons to make a new signing secret (shown once) and to enable a
 * disabled subscription, tiles of the metrics on a dashboard, and menu entries.
 */
export function declareViews(ctx: RegisterContext<WebhooksOptions>): void {
  ctx.views.declare({
    id: 'webhooks.subscriptions',
    kind: 'list',
    title: { en: 'Webhooks', 'zh-Hans': 'Webhook 订阅' },
    entity: 'webhookSubscription',
    columns: ['url', 'events', 'active', 'failureCount', 'lastDeliveryAt', 'ownerId', 'description'],
    sort: ['-createdAt'],
    filters: ['active', 'ownerId'],
  });
  ctx.views.declare({
    id: 'webhooks.disabled',
    kind: 'list',
    title: { en: 'Disabled webhooks', 'zh-Hans': '已停用的 Webhook' },
    description: {
      en: 'Subscriptions switched off after failing again and again: fix the receiver, then enable them.',
      'zh-Hans': '因多次失败而停用的订阅：修复接收方后重新启用。',
    },
    entity: 'webhookSubscription',
    columns: ['url', 'disabledAt', 'disabledReason', 'failureCount', 'ownerId'],
    sort: ['-disabledAt'],
    where: { active: false },
  });
  ctx.views.declare({
    id: 'webhooks.deliveries',
    kind: 'list',
    title: { en: 'Webhook deliveries', 'zh-Hans': 'Webhook 投递记录' },
    entity: 'webhookDelivery',
    columns: [
      'createdAt',
      'eventName',
      'status',
      'attempts',
      'responseStatus',
      'durationMs',
      'nextAttemptAt',
      'lastError',
    ],
    sort: ['-createdAt'],
    filters: ['status', 'eventName', 'subscriptionId'],
  });
  ctx.views.declare({
    id: 'webhooks.subscriptionDeliveries',
    kind: 'panel',
    title: { en: 'Deliveries', 'zh-Hans': '投递记录' },
    entity: 'webhookSubscription',
    content: {
      related: {
        entity: 'webhookDelivery',
        foreignKey: 'subscriptionId',
        columns: [
          'createdAt',
          'eventName',
          'status',
          'attempts',
          'responseStatus',
          'durationMs',
          'responseBody',
        ],
        sort: ['-createdAt'],
      },
    },
  });
  ctx.views.declare({
    id: 'webhooks.newSecret',
    kind: 'action',
    title: { en: 'New signing secret', 'zh-Hans': '生成新的签名密钥' },
    entity: 'webhookSubscription',
    route: '/api/webhooks/subscriptions/{id}/secret',
    permission: 'webhookSubscription:update',
    confirm: {
      en: 'The current secret stops working at once. The new one is shown once.',
      'zh-Hans': '当前密钥将立即失效。新密钥只显示一次。',
    },
    reveal: {
      path: 'secret',
      title: { en: 'Signing secret (shown once)', 'zh-Hans': '签名密钥（只显示一次）' },
    },
  });
  ctx.views.declare({
    id: 'webhooks.enable',
    kind: 'action',
    title: { en: 'Enable', 'zh-Hans': '启用' },
    entity: 'webhookSubscription',
    route: '/api/webhooks/subscriptions/{id}/enable',
    when: { active: false },
    permission: 'webhookSubscription:update',
  });
  ctx.views.declare({
    id: 'webhooks.retryDelivery',
    kind: 'action',
    title: { en: 'Send again', 'zh-Hans': '重新发送' },
    entity: 'webhookDelivery',
    route: '/api/webhooks/deliveries/{id}/retry',
    when: { status: { in: ['dead', 'failed'] } },
    permission: 'webhookSubscription:update',
  });
  const tileRows: TileRow[] = [
    [
      'webhooks.successTile',
      'webhooks.deliverySuccessRate',
      { en: 'Delivery success', 'zh-Hans': '投递成功率' },
    ],
    ['webhooks.deliveredTile', 'webhooks.deliveries', { en: 'Deliveries', 'zh-Hans': '已投递' }],
    [
      'webhooks.disabledTile',
      'webhooks.disabledSubscriptions',
      { en: 'Disabled webhooks', 'zh-Hans': '已停用' },
    ],
  ];
  const tiles = ctx.views.tiles(tileRows, { period: 'week' });
  ctx.views.declare({ id: 'webhooks.dashboard', kind: 'dashboard', title: GROUP, items: tiles });
  const menu = [
    [
      'webhooks.dashboardMenu',
      { en: 'Webhooks overview', 'zh-Hans': 'Webhook 概览' },
      { view: 'webhooks.dashboard' },
    ],
    [
      'webhooks.subscriptionsMenu',
      { en: 'Webhooks', 'zh-Hans': 'Webhook 订阅' },
      { view: 'webhooks.subscriptions' },
    ],
    [
      'webhooks.disabledMenu',
      { en: 'Disabled webhooks', 'zh-Hans': '已停用的 Webhook' },
      { view: 'webhooks.disabled' },
    ],
    ['webhooks.deliveriesMenu', { en: 'Deliveries', 'zh-Hans': '投递记录' }, { view: 'webhooks.deliveries' }],
  ] as const;
  for (const [id, title, target] of menu) ctx.views.menu({ id, title, group: GROUP, target });
}
