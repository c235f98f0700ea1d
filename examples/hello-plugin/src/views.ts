import type { RegisterContext } from '@rapport/core';
import type { HelloOptions } from './options.js';

/**
 * The console views of the plugin, as data (the console renders them; no front-end build): a
 * list of greetings, a panel of them on each person's page, a tile and a chart of greetings sent,
 * a dashboard holding both, and a menu entry. Every entity, field and metric named here is
 * checked at boot; a caller sees only the views whose records and metrics they may read.
 */
export function declareViews(ctx: RegisterContext<HelloOptions>): void {
  ctx.views.declare({
    id: 'hello.greetings',
    kind: 'list',
    title: { en: 'Greetings', 'zh-Hans': '问候' },
    entity: 'greeting',
    columns: ['personId', 'text', 'channel', 'rating', 'createdAt'],
    sort: ['-createdAt'],
    filters: ['channel', 'rating'],
  });
  ctx.views.declare({
    id: 'hello.personGreetings',
    kind: 'panel',
    title: { en: 'Greetings', 'zh-Hans': '问候' },
    entity: 'person',
    content: {
      related: { entity: 'greeting', foreignKey: 'personId', columns: ['text', 'rating', 'createdAt'] },
    },
  });
  ctx.views.declare({
    id: 'hello.sentToday',
    kind: 'tile',
    title: { en: 'Greetings today', 'zh-Hans': '今日问候' },
    metric: 'hello.greetingsSent',
    period: 'day',
  });
  ctx.views.declare({
    id: 'hello.sentByWeek',
    kind: 'chart',
    chart: 'bar',
    title: { en: 'Greetings by week', 'zh-Hans': '每周问候' },
    source: { metric: 'hello.greetingsSent', period: 'week', last: 12 },
  });
  ctx.views.declare({
    id: 'hello.dashboard',
    kind: 'dashboard',
    title: { en: 'Greetings', 'zh-Hans': '问候' },
    items: ['hello.sentToday', 'hello.sentByWeek'],
  });
  ctx.views.menu({
    id: 'hello.menu',
    title: { en: 'Greetings', 'zh-Hans': '问候' },
    group: { en: 'Examples', 'zh-Hans': '示例' },
    target: { view: 'hello.dashboard' },
  });
}
