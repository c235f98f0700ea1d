import { fileURLToPath } from 'node:url';
import type { RegisterContext } from '@rapport/core';
import type { BscOptions } from './options.js';

const GROUP = { en: 'Strategy', 'zh-Hans': '战略' };

/** The folder of the console modules (`plugins/bsc/console`), beside `src` and `dist`. */
export const CONSOLE_ASSETS = fileURLToPath(new URL('../console', import.meta.url));

/**
 * The console views, as data: scorecards, and on a scorecard's page its strategy map and its
 * table by perspective (statuses, scores and a sparkline of each KPI's history; both custom
 * elements over the plugin's routes) and its objectives; on an objective's page its KPIs and
 * initiatives; on a KPI's page its readings; the manual reading form; initiatives; menu entries.
 */
export function declareViews(ctx: RegisterContext<BscOptions>): void {
  ctx.views.assets(CONSOLE_ASSETS);
  ctx.views.declare({
    id: 'bsc.scorecards',
    kind: 'list',
    title: { en: 'Scorecards', 'zh-Hans': '平衡计分卡' },
    entity: 'scorecard',
    columns: ['name', 'valueProposition', 'periodKind', 'timeZone', 'status', 'ownerId'],
    sort: ['name'],
    filters: ['status', 'valueProposition'],
  });
  ctx.views.declare({
    id: 'bsc.strategyMap',
    kind: 'custom',
    title: { en: 'Strategy map', 'zh-Hans': '战略地图' },
    element: 'bsc-strategy-map',
    module: 'strategy-map.js',
    hostApi: 1,
    placement: { panelOf: 'scorecard', order: 10 },
  });
  ctx.views.declare({
    id: 'bsc.scorecardTable',
    kind: 'custom',
    title: { en: 'Scorecard by perspective', 'zh-Hans': '按维度的计分卡' },
    element: 'bsc-scorecard-table',
    module: 'scorecard-table.js',
    hostApi: 1,
    placement: { panelOf: 'scorecard', order: 20 },
  });
  ctx.views.declare({
    id: 'bsc.scorecardObjectives',
    kind: 'panel',
    title: { en: 'Objectives', 'zh-Hans': '目标' },
    entity: 'scorecard',
    content: {
      related: {
        entity: 'bscObjective',
        foreignKey: 'scorecardId',
        columns: ['name', 'perspective', 'process', 'weight', 'ownerId'],
        sort: ['perspective', 'order', 'name'],
      },
    },
    order: 30,
  });
  ctx.views.declare({
    id: 'bsc.objectiveKpis',
    kind: 'panel',
    title: { en: 'KPIs', 'zh-Hans': '关键绩效指标' },
    entity: 'bscObjective',
    content: {
      related: {
        entity: 'bscKpi',
        foreignKey: 'objectiveId',
        columns: ['name', 'source', 'metric', 'target', 'direction', 'weight', 'active'],
        sort: ['name'],
      },
    },
    order: 10,
  });
  ctx.views.declare({
    id: 'bsc.objectiveInitiatives',
    kind: 'panel',
    title: { en: 'Initiatives', 'zh-Hans': '行动计划' },
    entity: 'bscObjective',
    content: {
      related: {
        entity: 'bscInitiative',
        foreignKey: 'objectiveId',
        columns: ['name', 'ownerId', 'dueDate', 'status', 'budget'],
        sort: ['dueDate'],
      },
    },
    order: 20,
  });
  ctx.views.declare({
    id: 'bsc.kpiReadings',
    kind: 'panel',
    title: { en: 'Readings', 'zh-Hans': '读数' },
    entity: 'bscKpi',
    content: {
      related: {
        entity: 'bscReading',
        foreignKey: 'kpiId',
        columns: ['period', 'kind', 'value', 'target', 'status', 'enteredBy', 'comment'],
        sort: ['-period'],
      },
    },
  });
  ctx.views.declare({
    id: 'bsc.readingForm',
    kind: 'form',
    title: { en: 'Manual reading', 'zh-Hans': '手工读数' },
    entity: 'bscReading',
    sections: [{ fields: ['kpiId', 'period', 'value', 'comment'] }],
  });
  ctx.views.declare({
    id: 'bsc.manualReadings',
    kind: 'list',
    title: { en: 'Manual readings', 'zh-Hans': '手工读数' },
    entity: 'bscReading',
    columns: ['kpiId', 'period', 'value', 'enteredBy', 'comment', 'updatedAt'],
    where: { kind: 'manual' },
    sort: ['-period'],
    filters: ['kpiId', 'period'],
  });
  ctx.views.declare({
    id: 'bsc.initiatives',
    kind: 'list',
    title: { en: 'Initiatives', 'zh-Hans': '行动计划' },
    entity: 'bscInitiative',
    columns: ['name', 'objectiveId', 'ownerId', 'dueDate', 'status', 'budget'],
    sort: ['dueDate'],
    filters: ['status', 'ownerId', 'objectiveId'],
  });
  const entries = [
    ['bsc.scorecardsMenu', { en: 'Scorecards', 'zh-Hans': '平衡计分卡' }, 'bsc.scorecards'],
    ['bsc.initiativesMenu', { en: 'Initiatives', 'zh-Hans': '行动计划' }, 'bsc.initiatives'],
    ['bsc.readingsMenu', { en: 'Manual readings', 'zh-Hans': '手工读数' }, 'bsc.manualReadings'],
  ] as const;
  for (const [index, [id, title, view]] of entries.entries()) {
    ctx.views.menu({ id, title, group: GROUP, target: { view }, order: 70 + index });
  }
}
