import type { RegisterContext } from '@rapport/core';
import type { BscOptions } from './options.js';

/** The plugin's entities. */
export const BSC_ENTITIES = [
  'scorecard',
  'bscObjective',
  'bscKpi',
  'bscLink',
  'bscReading',
  'bscInitiative',
  'bscPeriodClose',
] as const;

/**
 * Roles: `strategyManager` designs scorecards (everything in them) and closes periods;
 * `kpiContributor` reads scorecards and enters manual readings and initiatives. Both read metrics:
 * a KPI's live actual is computed as the caller, so their permissions and record rules apply to it.
 */
export function declareAccess(ctx: RegisterContext<BscOptions>): void {
  ctx.access.grant('strategyManager', [
    ...BSC_ENTITIES.filter((e) => e !== 'bscPeriodClose').map((entity) => `${entity}:*`),
    'bscPeriodClose:read',
    'metric:read',
  ]);
  ctx.access.grant('kpiContributor', [
    ...BSC_ENTITIES.map((entity) => `${entity}:read`),
    'bscReading:create',
    'bscReading:update',
    'bscInitiative:create',
    'bscInitiative:update',
    'metric:read',
  ]);
}
