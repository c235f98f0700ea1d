export { BSC_ENTITIES } from './access.js';
export { type BscPluginFactory, bsc } from './bsc-plugin.js';
export type { CloseDueReport } from './close/close-due.js';
export type { CloseResult } from './close/close-period.js';
export { type CausalLink, CausalLinkEntity, type CausalLinkRecord } from './entities/causal-link.js';
export { type Initiative, InitiativeEntity, type InitiativeRecord } from './entities/initiative.js';
export { type Kpi, KpiEntity, type KpiRecord, MAX_VALUE, type PeriodTarget } from './entities/kpi.js';
export { type Objective, ObjectiveEntity, type ObjectiveRecord } from './entities/objective.js';
export { type PeriodClose, PeriodCloseEntity, type PeriodCloseRecord } from './entities/period-close.js';
export { PERIOD_PATTERN, type Reading, ReadingEntity, type ReadingRecord } from './entities/reading.js';
export { type Scorecard, ScorecardEntity, type ScorecardRecord } from './entities/scorecard.js';
export type { EvaluateInput } from './evaluation/evaluate.js';
export type {
  Actual,
  Evaluation,
  KpiEvaluation,
  NoData,
  NoDataCode,
  ObjectiveEvaluation,
  PerspectiveEvaluation,
  Trend,
  TrendPoint,
} from './evaluation/evaluation-types.js';
export {
  defaultRedAt,
  judge,
  type KpiJudgement,
  type StatusBands,
  statusOfScore,
  type WeightedPart,
  weightedScore,
} from './evaluation/score.js';
export {
  layoutMap,
  MAP_SIZES,
  type MapArrow,
  type MapBand,
  type MapLayout,
  type MapLink,
  type MapNode,
  type MapObjective,
} from './map/map-layout.js';
export { nameLines, renderMapSvg } from './map/render-svg.js';
export type { StrategyMap } from './map/strategy-map.js';
export { scoreMetric } from './metrics/score-metric.js';
export type { BscInput, BscOptions } from './options.js';
export {
  isTimeZone,
  type Period,
  parsePeriod,
  periodAt,
  periodProblem,
  periodsSince,
  shiftPeriod,
} from './periods/period.js';
export { BSC_PLUGIN_ID } from './plugin-id.js';
export { findPath } from './rules/find-path.js';
export { SCORE_METRIC } from './rules/kpi-rules.js';
export { BSC, type BscService } from './service.js';
export {
  LEADING_PROCESSES,
  type Template,
  type TemplateKpi,
  type TemplateObjective,
  templateFor,
} from './templates/catalogue.js';
export {
  FROM_TEMPLATE_SCHEMA,
  type FromTemplateInput,
  type FromTemplateResult,
} from './templates/from-template.js';
export { CONSOLE_ASSETS } from './views.js';
export * from './vocabulary.js';
