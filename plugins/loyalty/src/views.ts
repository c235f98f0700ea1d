import type { RegisterContext, TileRow } from '@rapport/core';
import type { LoyaltyOptions } from './options.js';
import { LOYALTY_STAGES } from './vocabulary.js';

const GROUP = { en: 'Loyalty', 'zh-Hans': '会员积分' };

const STAGE_TITLES: Record<(typeof LOYALTY_STAGES)[number], { en: string; 'zh-Hans': string }> = {
  suspicion: { en: 'Suspicion', 'zh-Hans': '怀疑' },
  expectation: { en: 'Expectation', 'zh-Hans': '期望' },
  'first-purchase': { en: 'First purchase', 'zh-Hans': '首次购买' },
  'repeat-purchase': { en: 'Repeat purchase', 'zh-Hans': '重复购买' },
  advocate: { en: 'Advocate', 'zh-Hans': '拥护者' },
};

/**
 * The console views, as data: the member card on the customer's page (membership, tier, stage,
 * balance, next expiry) and, on a member's page, the balance, the ledger, redemptions and tier
 * history; members by stage as a board; the programme's rewards, rules and win-back list on its
 * page; lists of members, rewards, broadcasts and win-back attempts; tiles of the metrics on a
 * dashboard; and menu entries.
 */
export function declareViews(ctx: RegisterContext<LoyaltyOptions>): void {
  const memberColumns = [
    'number',
    'customerId',
    'programmeId',
    'tier',
    'stage',
    'balance',
    'nextExpiry',
    'status',
  ];
  ctx.views.declare({
    id: 'loyalty.members',
    kind: 'list',
    title: { en: 'Members', 'zh-Hans': '会员' },
    entity: 'loyaltyMember',
    columns: memberColumns,
    sort: ['-joinedAt'],
    filters: ['programmeId', 'tier', 'stage', 'status', 'joinedThrough'],
  });
  ctx.views.declare({
    id: 'loyalty.stageBoard',
    kind: 'kanban',
    title: { en: 'Members by loyalty stage', 'zh-Hans': '会员忠诚阶段' },
    entity: 'loyaltyMember',
    laneField: 'stage',
    lanes: { values: LOYALTY_STAGES.map((value) => ({ value, title: STAGE_TITLES[value] })) },
    card: { title: 'number', fields: ['customerId', 'tier', 'balance'] },
    sort: ['-balance'],
  });
  const panel = (
    id: string,
    title: { en: string; 'zh-Hans': string },
    entity: string,
    related: { entity: string; foreignKey: string; columns: string[]; sort: string[] },
    order: number,
  ) => ctx.views.declare({ id, kind: 'panel', title, entity, content: { related }, order });
  panel(
    'loyalty.customerMembership',
    { en: 'Loyalty membership', 'zh-Hans': '会员卡' },
    'customer',
    { entity: 'loyaltyMember', foreignKey: 'customerId', columns: memberColumns, sort: ['-joinedAt'] },
    30,
  );
  ctx.views.declare({
    id: 'loyalty.redeemPoints',
    kind: 'action',
    title: { en: 'Redeem points', 'zh-Hans': '兑换积分' },
    description: {
      en: 'Debits points from this member, soonest-expiring first; refused when the balance does not cover them.',
      'zh-Hans': '从该会员扣减积分，先扣最早到期的；余额不足时拒绝。',
    },
    entity: 'loyaltyMember',
    route: '/api/loyalty/members/{id}/redeem',
    when: { status: 'active' },
    permission: 'loyaltyEntry:create',
    input: {
      type: 'object',
      properties: {
        points: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
        note: { type: 'string', maxLength: 1000 },
      },
      required: ['points'],
    },
    freshKey: 'idempotencyKey',
    order: 10,
  });
  ctx.views.declare({
    id: 'loyalty.memberBalance',
    kind: 'panel',
    title: { en: 'Balance', 'zh-Hans': '积分余额' },
    entity: 'loyaltyMember',
    content: { route: '/api/loyalty/members/{id}/balance', render: 'keyValue' },
    order: 10,
  });
  panel(
    'loyalty.memberLedger',
    { en: 'Points ledger', 'zh-Hans': '积分明细' },
    'loyaltyMember',
    {
      entity: 'loyaltyEntry',
      foreignKey: 'memberId',
      columns: ['occurredAt', 'kind', 'points', 'balanceAfter', 'sourceType', 'expiresAt', 'note'],
      sort: ['-occurredAt'],
    },
    20,
  );
  panel(
    'loyalty.memberRedemptions',
    { en: 'Redemptions', 'zh-Hans': '兑换记录' },
    'loyaltyMember',
    {
      entity: 'loyaltyRedemption',
      foreignKey: 'memberId',
      columns: ['createdAt', 'rewardId', 'points', 'status'],
      sort: ['-createdAt'],
    },
    30,
  );
  panel(
    'loyalty.memberTiers',
    { en: 'Tier history', 'zh-Hans': '等级变动' },
    'loyaltyMember',
    {
      entity: 'loyaltyTierChange',
      foreignKey: 'memberId',
      columns: ['createdAt', 'from', 'to', 'reason', 'qualifying'],
      sort: ['-createdAt'],
    },
    40,
  );
  panel(
    'loyalty.programmeRewards',
    { en: 'Rewards', 'zh-Hans': '奖励目录' },
    'loyaltyProgramme',
    {
      entity: 'loyaltyReward',
      foreignKey: 'programmeId',
      columns: ['name', 'cost', 'stock', 'tierRequired', 'active'],
      sort: ['cost'],
    },
    10,
  );
  ctx.views.declare({
    id: 'loyalty.programmeWinBack',
    kind: 'panel',
    title: { en: 'Win-back list', 'zh-Hans': '挽回名单' },
    entity: 'loyaltyProgramme',
    content: { route: '/api/loyalty/win-back?programmeId={id}', render: 'table' },
    order: 20,
  });
  ctx.views.declare({
    id: 'loyalty.programmeForm',
    kind: 'form',
    title: { en: 'Programme', 'zh-Hans': '积分计划' },
    entity: 'loyaltyProgramme',
    sections: [
      {
        title: { en: 'Programme', 'zh-Hans': '计划' },
        fields: ['name', 'currency', 'status', 'joinKeyword'],
      },
      {
        title: { en: 'Earning rules', 'zh-Hans': '积分规则' },
        fields: ['pointsPerUnit', 'minorPerUnit', 'earning', 'expiry', 'expiryNoticeDays'],
      },
      { title: { en: 'Tiers', 'zh-Hans': '会员等级' }, fields: ['tiers', 'tierWindowMonths', 'winBackDays'] },
    ],
  });
  ctx.views.declare({
    id: 'loyalty.winBacks',
    kind: 'list',
    title: { en: 'Win-back attempts', 'zh-Hans': '挽回记录' },
    entity: 'loyaltyWinBack',
    columns: ['createdAt', 'memberId', 'customerId', 'channel', 'outcome', 'outcomeAt', 'note'],
    sort: ['-createdAt'],
    filters: ['outcome', 'channel', 'programmeId'],
  });
  const tileRows: TileRow[] = [
    ['loyalty.activeMembersTile', 'loyalty.activeMembers', { en: 'Active members', 'zh-Hans': '活跃会员' }],
    ['loyalty.liabilityTile', 'loyalty.pointsLiability', { en: 'Points outstanding', 'zh-Hans': '未兑积分' }],
    ['loyalty.redemptionTile', 'loyalty.redemptionRate', { en: 'Redemption rate', 'zh-Hans': '兑换率' }],
    ['loyalty.repeatTile', 'loyalty.repeatPurchaseRate', { en: 'Repeat purchase', 'zh-Hans': '复购率' }],
    ['loyalty.tierMixTile', 'loyalty.tierMix', { en: 'Upper tiers', 'zh-Hans': '高等级占比' }],
    ['loyalty.winBackTile', 'loyalty.winBackRate', { en: 'Win-back rate', 'zh-Hans': '挽回率' }],
  ];
  const tiles = ctx.views.tiles(tileRows, { period: 'month' });
  ctx.views.declare({
    id: 'loyalty.enrolmentsByMonth',
    kind: 'chart',
    chart: 'bar',
    title: { en: 'Enrolments by month', 'zh-Hans': '每月入会' },
    source: { metric: 'loyalty.enrolments', period: 'month', last: 12 },
  });
  ctx.views.declare({
    id: 'loyalty.byStage',
    kind: 'chart',
    chart: 'pie',
    title: { en: 'Members by stage', 'zh-Hans': '会员阶段分布' },
    source: { aggregate: { entity: 'loyaltyMember', groupBy: ['stage'], measure: 'count' } },
  });
  ctx.views.declare({
    id: 'loyalty.dashboard',
    kind: 'dashboard',
    title: GROUP,
    items: [...tiles, 'loyalty.enrolmentsByMonth', 'loyalty.byStage'],
  });
  const menu = [
    ['loyalty.dashboardMenu', { en: 'Overview', 'zh-Hans': '概览' }, { view: 'loyalty.dashboard' }],
    ['loyalty.membersMenu', { en: 'Members', 'zh-Hans': '会员' }, { view: 'loyalty.members' }],
    ['loyalty.stagesMenu', { en: 'Loyalty stages', 'zh-Hans': '忠诚阶段' }, { view: 'loyalty.stageBoard' }],
    ['loyalty.programmesMenu', { en: 'Programmes', 'zh-Hans': '积分计划' }, { entity: 'loyaltyProgramme' }],
    ['loyalty.rewardsMenu', { en: 'Rewards', 'zh-Hans': '奖励' }, { entity: 'loyaltyReward' }],
    ['loyalty.broadcastsMenu', { en: 'Broadcasts', 'zh-Hans': '群发消息' }, { entity: 'loyaltyBroadcast' }],
    ['loyalty.winBackMenu', { en: 'Win-back attempts', 'zh-Hans': '挽回记录' }, { view: 'loyalty.winBacks' }],
  ] as const;
  for (const [id, title, target] of menu) ctx.views.menu({ id, title, group: GROUP, target });
}
