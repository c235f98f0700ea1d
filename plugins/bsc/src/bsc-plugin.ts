import { definePlugin, KERNEL } from '@rapport/core';
import { declareAccess } from './access.js';
import { CausalLinkEntity } from './entities/causal-link.js';
import { InitiativeEntity } from './entities/initiative.js';
import { KpiEntity } from './entities/kpi.js';
import { ObjectiveEntity } from './entities/objective.js';
import { PeriodCloseEntity } from './entities/period-close.js';
import { ReadingEntity } from './entities/reading.js';
import { ScorecardEntity } from './entities/scorecard.js';
import { scoreMetric } from './metrics/score-metric.js';
import { type BscInput, type BscOptions, OPTIONS_SCHEMA, optionProblems } from './options.js';
import { BSC_PLUGIN_ID } from './plugin-id.js';
import { bscRoutes } from './routes/bsc-routes.js';
import { EVALUATION_SCHEMA } from './routes/evaluation-schema.js';
import { MAP_SCHEMA } from './routes/map-schema.js';
import { BSC_ROUTES_OPENAPI } from './routes/openapi.js';
import { tapKpiRules } from './rules/kpi-rules.js';
import { tapLinkRules } from './rules/link-rules.js';
import { tapObjectiveRules } from './rules/objective-rules.js';
import { tapOwnedRules } from './rules/owned-rules.js';
import { tapReadingRules } from './rules/reading-rules.js';
import { tapScorecardRules } from './rules/scorecard-rules.js';
import { BSC, createBscService } from './service.js';
import { declareViews } from './views.js';

/**
 * The CRM strategy as a balanced scorecard: objectives in four perspectives linked by cause and
 * effect, KPIs read live from any installed plugin's metrics (or entered by hand), targets per
 * period, direction-aware scores, period snapshots, templates by value proposition and a strategy map.
 * Depends on the kernel only: a KPI whose plugin is not installed reads "no data".
 *
 * @example
 * ```ts
 * const kernel = await createKernel({ store: memoryStore(), plugins: [customers(), sales(), bsc()] });
 * ```
 */
export const bsc = definePlugin<BscOptions, BscInput>({
  id: BSC_PLUGIN_ID,
  version: '0.1.0',
  description:
    'Balanced scorecards: perspectives, objectives, KPIs read live from every plugin, period snapshots and a strategy map.',
  options: OPTIONS_SCHEMA,
  checkOptions: optionProblems,
  register(ctx) {
    ctx.entities.define(
      ScorecardEntity,
      ObjectiveEntity,
      KpiEntity,
      CausalLinkEntity,
      ReadingEntity,
      InitiativeEntity,
      PeriodCloseEntity,
    );
    declareAccess(ctx);

    tapScorecardRules(ctx);
    tapObjectiveRules(ctx);
    tapKpiRules(ctx);
    tapLinkRules(ctx);
    tapReadingRules(ctx);
    tapOwnedRules(ctx);

    ctx.services.provide(BSC, {
      deps: { kernel: KERNEL },
      factory: ({ kernel }) => createBscService(kernel, ctx.options),
    });
    ctx.metrics.define(scoreMetric);
    ctx.jobs.cron(
      `${BSC_PLUGIN_ID}.closePeriods`,
      ctx.options.closeCron,
      async (job) => {
        const report = await job.resolve(BSC).closeDue();
        if (report.closed.length > 0) job.logger.info({ closed: report.closed }, 'scorecard periods closed');
        for (const failure of report.failed)
          job.logger.warn(failure, 'a scorecard period could not be closed');
      },
      { timeZone: 'UTC' },
    );
    ctx.routes.mount(bscRoutes(), {
      openapi: BSC_ROUTES_OPENAPI,
      schemas: { BscEvaluation: EVALUATION_SCHEMA, BscStrategyMap: MAP_SCHEMA },
    });
    declareViews(ctx);
  },
});

/** The type of {@link bsc}: `bsc(options?)` gives the installable plugin. */
export type BscPluginFactory = typeof bsc;
