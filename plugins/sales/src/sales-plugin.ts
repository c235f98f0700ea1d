import { definePlugin, KERNEL } from '@rapport/core';
import { declareAccess } from './access.js';
import { tapActivityRules } from './activities/activity-taps.js';
import { tapCustomerHooks } from './customers/customer-hooks.js';
import { tapDealChecks } from './deals/deal-checks.js';
import { tapDealEvents } from './deals/deal-events.js';
import { tapDealStageRules } from './deals/deal-taps.js';
import { tapStageHistory } from './deals/stage-history.js';
import { ActivityEntity } from './entities/activity.js';
import { DealEntity } from './entities/deal.js';
import { DealStageChangeEntity } from './entities/deal-stage-change.js';
import { LeadEntity } from './entities/lead.js';
import { OrderEntity } from './entities/order.js';
import { PipelineEntity } from './entities/pipeline.js';
import { SalesRuleFiringEntity, SalesRuleStateEntity } from './entities/rule-state.js';
import { SalesRuleEntity } from './entities/sales-rule.js';
import { tapLeadRules } from './leads/lead-taps.js';
import { salesMetrics } from './metrics/sales-metrics.js';
import { OPTIONS_SCHEMA, type SalesInput, type SalesOptions } from './options.js';
import { subscribeOrderHandlers } from './orders/order-handlers.js';
import { tapOrderRules } from './orders/order-taps.js';
import { tapPipelineRules } from './pipelines/pipeline-taps.js';
import { seedPipelines } from './pipelines/seed-pipelines.js';
import { SALES_PLUGIN_ID } from './plugin-id.js';
import { SALES_ROUTES_OPENAPI } from './routes/openapi.js';
import { SALES_ROUTE_SCHEMAS } from './routes/openapi-schemas.js';
import { salesRoutes } from './routes/sales-routes.js';
import { tapEventRules } from './rules/event-rules.js';
import { tapRuleChecks } from './rules/rule-checks.js';
import { runTimeRulesJob } from './rules/time-rules-job.js';
import { createSalesService, SALES } from './service.js';
import { declareViews } from './views.js';

/**
 * Sales automation on top of the customers plugin: leads, deals in several pipelines with stage
 * rules and stage history, activities, orders (from won deals or an ERP), automation rules as
 * data, and funnel, forecast and velocity reports computed with store aggregates.
 *
 * @example
 * ```ts
 * const kernel = await createKernel({
 *   store: memoryStore(),
 *   plugins: [customers({ currency: 'EUR' }), sales({ currency: 'EUR' })],
 * });
 * await kernel.start(); // creates the pipelines new-business, renewals, dealers
 * const deal = await kernel.data<Deal>('deal', { actor }).create({
 *   title: 'ACME — 20 seats', customerId: acme.id, amount: { amount: 12_000_00, currency: 'EUR' },
 * }); // stage 'qualification', probability 10, weightedAmount 1_200_00
 * ```
 */
export const sales = definePlugin<SalesOptions, SalesInput>({
  id: SALES_PLUGIN_ID,
  version: '0.1.0',
  description:
    'Leads, deals in several pipelines, stage history, activities, orders, automation rules, funnel, weighted forecast and velocity.',
  dependsOn: ['customers'],
  options: OPTIONS_SCHEMA,
  register(ctx) {
    ctx.entities.define(
      PipelineEntity,
      LeadEntity,
      DealEntity,
      DealStageChangeEntity,
      ActivityEntity,
      OrderEntity,
      SalesRuleEntity,
      SalesRuleStateEntity,
      SalesRuleFiringEntity,
    );
    declareAccess(ctx);

    tapPipelineRules(ctx);
    tapLeadRules(ctx);
    tapDealChecks(ctx);
    tapDealStageRules(ctx);
    tapStageHistory(ctx);
    tapDealEvents(ctx);
    tapActivityRules(ctx);
    tapOrderRules(ctx);
    tapRuleChecks(ctx);
    tapEventRules(ctx);
    subscribeOrderHandlers(ctx);
    tapCustomerHooks(ctx);

    ctx.services.provide(SALES, {
      deps: { kernel: KERNEL },
      factory: ({ kernel }) => createSalesService(kernel, ctx.options),
    });
    for (const metric of salesMetrics(ctx.options)) ctx.metrics.define(metric);
    ctx.jobs.every(`${SALES_PLUGIN_ID}.timeRules`, ctx.options.timeRulesEvery, runTimeRulesJob);
    ctx.routes.mount(salesRoutes(), { openapi: SALES_ROUTES_OPENAPI, schemas: SALES_ROUTE_SCHEMAS });
    declareViews(ctx);
  },
  async start(ctx) {
    if (ctx.options.seedPipelines) await seedPipelines(ctx);
  },
});

/** The type of {@link sales}: `sales(options?)` gives the installable plugin. */
export type SalesPluginFactory = typeof sales;
