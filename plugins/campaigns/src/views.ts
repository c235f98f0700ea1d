import type { RegisterContext, TileRow } from '@rapport/core';
import type { CampaignsOptions } from './options.js';

const GROUP = { en: 'Marketing', 'zh-Hans': '营销' };
const A = '/api/campaigns';

/**
 * The console views, as data: the campaign list, a builder form (audience, channels, control group,
 * budget) with the audience's count after consent beside it, the results of a campaign and a
 * chart comparing campaigns, buttons to schedule, launch and cancel, the members; care rules;
 * topics and who follows them; the customer's campaigns and topics on their page; tiles of the
 * metrics on a dashboard; menu entries.
 */
export function declareViews(ctx: RegisterContext<CampaignsOptions>): void {
  const v = ctx.views;
  v.declare({
    id: 'campaigns.campaigns',
    kind: 'list',
    title: { en: 'Campaigns', 'zh-Hans': '营销活动' },
    entity: 'campaign',
    columns: ['name', 'type', 'status', 'audienceSize', 'controlShare', 'launchedAt', 'completedAt'],
    sort: ['-createdAt'],
    filters: ['type', 'status'],
  });
  v.declare({
    id: 'campaigns.builder',
    kind: 'form',
    title: { en: 'Campaign builder', 'zh-Hans': '活动设计' },
    entity: 'campaign',
    sections: [
      { title: { en: 'Campaign', 'zh-Hans': '活动' }, fields: ['name', 'type', 'goal', 'ownerId'] },
      { title: { en: 'Audience', 'zh-Hans': '目标客户' }, fields: ['audience', 'controlShare', 'seed'] },
      {
        title: { en: 'Message', 'zh-Hans': '消息' },
        fields: ['channels', 'data', 'linkUrl', 'code', 'onlyNow'],
      },
      {
        title: { en: 'Schedule and money', 'zh-Hans': '时间与预算' },
        fields: ['startAt', 'timeZone', 'budget', 'cost', 'attributionDays'],
      },
    ],
  });
  const panel = (id: string, title: { en: string; 'zh-Hans': string }, route: string, order: number) =>
    v.declare({
      id,
      kind: 'panel',
      title,
      entity: 'campaign',
      content: { route, render: 'keyValue' },
      order,
    });
  panel(
    'campaigns.audiencePreview',
    { en: 'Audience now, after consent', 'zh-Hans': '当前受众（已同意）' },
    `${A}/{id}/preview`,
    10,
  );
  panel('campaigns.results', { en: 'Results', 'zh-Hans': '效果' }, `${A}/{id}/results`, 20);
  v.declare({
    id: 'campaigns.members',
    kind: 'panel',
    title: { en: 'Members', 'zh-Hans': '成员' },
    entity: 'campaign',
    content: {
      related: {
        entity: 'campaignMember',
        foreignKey: 'campaignId',
        columns: ['customerId', 'control', 'status', 'reason', 'channel', 'touchAt', 'convertedAt'],
        sort: ['-touchAt'],
      },
    },
    order: 30,
  });
  const action = (
    id: string,
    title: { en: string; 'zh-Hans': string },
    move: string,
    statuses: string[],
    confirm?: { en: string; 'zh-Hans': string },
  ) =>
    v.declare({
      id,
      kind: 'action',
      title,
      entity: 'campaign',
      route: `${A}/{id}/${move}`,
      when: { status: { in: statuses } },
      permission: 'campaign:launch',
      ...(confirm ? { confirm } : {}),
    });
  action('campaigns.launch', { en: 'Launch now', 'zh-Hans': '立即发布' }, 'launch', ['draft', 'scheduled'], {
    en: 'Freeze the audience now and start sending?',
    'zh-Hans': '现在冻结受众并开始发送？',
  });
  action('campaigns.schedule', { en: 'Schedule', 'zh-Hans': '定时' }, 'schedule', ['draft']);
  action('campaigns.unschedule', { en: 'Back to draft', 'zh-Hans': '退回草稿' }, 'unschedule', ['scheduled']);
  action(
    'campaigns.cancel',
    { en: 'Cancel', 'zh-Hans': '取消' },
    'cancel',
    ['draft', 'scheduled', 'running'],
    {
      en: 'Cancel this campaign? Messages already queued still go.',
      'zh-Hans': '取消该活动？已排队的消息仍会发送。',
    },
  );
  v.declare({
    id: 'campaigns.comparison',
    kind: 'chart',
    chart: 'bar',
    title: { en: 'Campaigns compared', 'zh-Hans': '活动对比' },
    source: {
      route: `${A}/results/compare`,
      points: {
        items: 'items',
        label: 'name',
        unit: 'ratio',
        series: [
          { value: 'rates.response', title: { en: 'Response rate', 'zh-Hans': '响应率' } },
          { value: 'rates.conversion', title: { en: 'Conversion rate', 'zh-Hans': '转化率' } },
          { value: 'lift.absolute', title: { en: 'Lift over control', 'zh-Hans': '相对对照组提升' } },
        ],
      },
    },
  });
  v.declare({
    id: 'campaigns.careRules',
    kind: 'list',
    title: { en: 'Care rules', 'zh-Hans': '关怀规则' },
    entity: 'careRule',
    columns: ['name', 'trigger', 'days', 'localHour', 'abcClasses', 'active'],
    sort: ['name'],
    filters: ['trigger', 'active'],
  });
  v.declare({
    id: 'campaigns.careSends',
    kind: 'panel',
    title: { en: 'Sent', 'zh-Hans': '已发送' },
    entity: 'careRule',
    content: {
      related: {
        entity: 'careSend',
        foreignKey: 'ruleId',
        columns: ['customerId', 'occasion', 'at', 'reason'],
        sort: ['-at'],
      },
    },
  });
  v.declare({
    id: 'campaigns.topics',
    kind: 'list',
    title: { en: 'Topics', 'zh-Hans': '话题' },
    entity: 'campaignTopic',
    columns: ['key', 'name', 'keyword', 'inferFrom'],
    sort: ['key'],
  });
  v.declare({
    id: 'campaigns.topicFollowers',
    kind: 'chart',
    chart: 'bar',
    title: { en: 'Followers by topic', 'zh-Hans': '各话题关注人数' },
    source: { aggregate: { entity: 'campaignInterest', groupBy: ['topic'], measure: 'count' } },
  });
  v.declare({
    id: 'campaigns.customerCampaigns',
    kind: 'panel',
    title: { en: 'Campaigns', 'zh-Hans': '营销活动' },
    entity: 'customer',
    content: {
      related: {
        entity: 'campaignMember',
        foreignKey: 'customerId',
        columns: ['campaignId', 'control', 'status', 'touchAt'],
        sort: ['-touchAt'],
      },
    },
    order: 40,
  });
  v.declare({
    id: 'campaigns.customerTopics',
    kind: 'panel',
    title: { en: 'Topics followed', 'zh-Hans': '关注的话题' },
    entity: 'customer',
    content: {
      related: {
        entity: 'campaignInterest',
        foreignKey: 'customerId',
        columns: ['topic', 'source', 'via', 'rule'],
      },
    },
    order: 41,
  });
  const tileRows: TileRow[] = [
    ['campaigns.responseTile', 'campaigns.responseRate', { en: 'Response rate', 'zh-Hans': '响应率' }],
    ['campaigns.conversionTile', 'campaigns.conversionRate', { en: 'Conversion rate', 'zh-Hans': '转化率' }],
    ['campaigns.liftTile', 'campaigns.lift', { en: 'Lift over control', 'zh-Hans': '相对对照组提升' }],
    ['campaigns.roiTile', 'campaigns.roi', { en: 'ROI (incremental)', 'zh-Hans': '投资回报率（增量）' }],
    ['campaigns.optOutTile', 'campaigns.optOutRate', { en: 'Opt-out rate', 'zh-Hans': '退订率' }],
    ['campaigns.winBackTile', 'campaigns.winBackRate', { en: 'Win-back rate', 'zh-Hans': '挽回率' }],
  ];
  const tiles = v.tiles(tileRows, { period: 'quarter' });
  v.declare({
    id: 'campaigns.dashboard',
    kind: 'dashboard',
    title: GROUP,
    items: [...tiles, 'campaigns.comparison', 'campaigns.topicFollowers'],
  });
  const menu = [
    ['campaigns.dashboardMenu', { en: 'Overview', 'zh-Hans': '概览' }, { view: 'campaigns.dashboard' }],
    ['campaigns.campaignsMenu', { en: 'Campaigns', 'zh-Hans': '营销活动' }, { view: 'campaigns.campaigns' }],
    ['campaigns.careMenu', { en: 'Care rules', 'zh-Hans': '关怀规则' }, { view: 'campaigns.careRules' }],
    ['campaigns.topicsMenu', { en: 'Topics', 'zh-Hans': '话题' }, { view: 'campaigns.topics' }],
  ] as const;
  for (const [id, title, target] of menu) v.menu({ id, title, group: GROUP, target });
}
