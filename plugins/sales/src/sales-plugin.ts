import { definePlugin, KERNEL, type PluginDefinition, type PluginInstance } from '@rapport/core';
import { CUSTOMER_HOOKS } from '@rapport/plugin-customers';
import { declareAccess } from './access.js';
import { tapActivityRules } from './activities/activity-taps.js';
import { tapCustomerDeleteGuard } from './customers/delete-guard.js';
import { tapCustomerMerge } from './customers/merge-tap.js';
import { tapCustomerProfile } from './customers/profile-tap.js';
import { tapCustomerTimeline } from './customers/timeline-tap.js';
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
import { PLUGIN_ID } from './plugin-id.js';
import { SALES_ROUTES_OPENAPI } from './routes/openapi.js';
import { SALES_ROUTE_SCHEMAS } from './routes/openapi-schemas.js';
import { salesRoutes } from './routes/sales-routes.js';
import { tapEventRules } from './rules/event-rules.js';
import { tapRuleChecks } from './rules/rule-checks.js';
import { createRuntime } from './runtime.js';
import { createSalesService, SALES } from './service.js';

/** The plugin factory: `sales({ currency: 'EUR', defaultPipeline: 'new-business' })`. */
export type SalesPluginFactory = ((options?: SalesInput) => PluginInstance<SalesOptions>) & {
  readonly id: string;
  readonly definition: PluginDefinition<SalesOptions>;
};

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
export const sales = definePlugin<SalesOptions>({
  id: PLUGIN_ID,
  version: '0.1.0',
  description:
    'Leads, deals in several pipelines, stage history, activities, orders, automation rules, funnel, weighted forecast and velocity.',
  dependsOn: ['customers'],
  options: OPTIONS_SCHEMA,
  register(ctx) {
    const runtime = createRuntime(ctx.options);
    for (const entity of [
      PipelineEntity,
      LeadEntity,
      DealEntity,
      DealStageChangeEntity,
      ActivityEntity,
      OrderEntity,
      SalesRuleEntity,
      SalesRuleStateEntity,
      SalesRuleFiringEntity,
    ]) {
      ctx.entities.define(entity as Parameters<typeof ctx.entities.define>[0]);
    }
    tapPipelineRules(ctx);
    tapLeadRules(ctx);
    tapDealChecks(ctx, runtime);
    tapDealStageRules(ctx);
    tapStageHistory(ctx);
    tapDealEvents(ctx);
    tapActivityRules(ctx);
    tapOrderRules(ctx);
    tapRuleChecks(ctx, runtime);
    tapEventRules(ctx, runtime);
    subscribeOrderHandlers(ctx);
    declareAccess(ctx);

    const customerHooks = ctx.hooks.get(CUSTOMER_HOOKS);
    tapCustomerMerge(customerHooks);
    tapCustomerTimeline(customerHooks);
    tapCustomerProfile(customerHooks);
    tapCustomerDeleteGuard(ctx);

    ctx.services.provide(SALES, {
      deps: { kernel: KERNEL },
      factory: ({ kernel }) => {
        runtime.attach(kernel);
        return createSalesService(runtime);
      },
    });
    for (const metric of salesMetrics(ctx.options)) ctx.metrics.define(metric);
    ctx.jobs.every(`${PLUGIN_ID}.timeRules`, ctx.options.timeRulesEvery as `${number}h`, async (job) => {
      const report = await job.resolve(SALES).runTimeRules();
      if (report.fired > 0) job.logger.info(report, 'time-triggered sales rules fired');
    });
    ctx.routes.mount(salesRoutes(), { openapi: SALES_ROUTES_OPENAPI, schemas: SALES_ROUTE_SCHEMAS });
  },
  async start(ctx) {
    ctx.resolve(SALES);
    if (ctx.options.seedPipelines) await seedPipelines(ctx);
  },
}) as SalesPluginFactory;
