export { type Activity, ActivityEntity, type ActivityRecord } from './entities/activity.js';
export { COMPUTED_DEAL_FIELDS, type Deal, DealEntity, type DealRecord } from './entities/deal.js';
export {
  type DealStageChange,
  DealStageChangeEntity,
  type DealStageChangeRecord,
} from './entities/deal-stage-change.js';
export { COMPUTED_LEAD_FIELDS, type Lead, LeadEntity, type LeadRecord } from './entities/lead.js';
export { type Order, OrderEntity, type OrderRecord } from './entities/order.js';
export {
  type Pipeline,
  PipelineEntity,
  type PipelineRecord,
  type PipelineStage,
} from './entities/pipeline.js';
export {
  type SalesRuleFiring,
  SalesRuleFiringEntity,
  type SalesRuleState,
  SalesRuleStateEntity,
} from './entities/rule-state.js';
export {
  type ActivityTemplate,
  type RuleAction,
  type RuleTrigger,
  type SalesRule,
  SalesRuleEntity,
  type SalesRuleRecord,
} from './entities/sales-rule.js';
export type { ConversionDeal, ConversionResult, ConvertLeadInput } from './leads/convert-lead.js';
export {
  AMOUNT_SCHEMA,
  type Money,
  priceLines,
  roundHalfEvenDiv,
  type SalesLine,
  weightedAmount,
} from './money.js';
export type { SalesInput, SalesOptions } from './options.js';
export { VALUE_SOURCES } from './orders/order-handlers.js';
export { DEFAULT_PIPELINES } from './pipelines/default-pipelines.js';
export { SALES_PLUGIN_ID } from './plugin-id.js';
export type { CategoryTotals, Forecast, ForecastFilters, ForecastPeriod } from './reports/forecast.js';
export type { Funnel, FunnelStage } from './reports/funnel.js';
export type { ReportFilters, Tally } from './reports/report-query.js';
export type { StageVelocity, Velocity } from './reports/velocity.js';
export type { TimeRulesReport } from './rules/time-rules.js';
export { type SalesPluginFactory, sales } from './sales-plugin.js';
export { type ReopenInput, SALES, type SalesService } from './service.js';
export { SalesTapStage } from './tap-stages.js';
export * from './vocabulary.js';
