export { classifyAbc, type ValuedCustomer } from './classify/abc.js';
export { quintileScores, type RfmInput, scoreRfm } from './classify/rfm.js';
export { type CustomersPluginFactory, customers } from './customers-plugin.js';
export { type Contact, ContactEntity, type ContactRecord } from './entities/contact.js';
export {
  COMPUTED_CUSTOMER_FIELDS,
  type Customer,
  CustomerEntity,
  type CustomerRecord,
  type CustomerValueStats,
  type FutureValue,
  type ObjectiveProfile,
  type RfmScore,
  type SubjectiveProfile,
} from './entities/customer.js';
export {
  type CustomerMerge,
  CustomerMergeEntity,
  type CustomerMergeRecord,
} from './entities/customer-merge.js';
export {
  type CustomerValue,
  CustomerValueEntity,
  type CustomerValueRecord,
} from './entities/customer-value.js';
export { type Interaction, InteractionEntity, type InteractionRecord } from './entities/interaction.js';
export { MONEY_SCHEMA, type Money } from './entities/money.js';
export { type Segment, SegmentEntity, type SegmentRecord } from './entities/segment.js';
export * from './entities/vocabulary.js';
export {
  type BgNbdFit,
  type BgNbdParams,
  bgNbdLogLikelihood,
  expectedPurchases,
  type FitLimits,
  fitBgNbd,
  type Histories,
  pAlive,
} from './future-value/bg-nbd.js';
export { discountedValue, WEEKS_PER_YEAR } from './future-value/clv.js';
export { type FitErrorCode, FutureValueFitError } from './future-value/fit-error.js';
export {
  expectedSpend,
  fitGammaGamma,
  type GammaGammaFit,
  type GammaGammaParams,
  gammaGammaLogLikelihood,
  type SpendHistories,
} from './future-value/gamma-gamma.js';
export { type HoldoutReport, holdoutReport } from './future-value/holdout.js';
export type { FutureValueSummary } from './future-value/score-customers.js';
export {
  CUSTOMER_HOOKS,
  type CustomerHooks,
  type MergeRequest,
  type MergeWrite,
} from './hooks/customer-hooks.js';
export { normaliseEmail } from './identity/email.js';
export { normalisePhone, type PhoneResult } from './identity/phone.js';
export type { ImportReport, RejectedRow } from './import/import-customers.js';
export { deriveStage, isWinBack, type LifecycleFacts } from './lifecycle/derive-stage.js';
export type { MergePreview, MergeResult } from './merge/merge-customers.js';
export type {
  AbcOptions,
  CustomersInput,
  CustomersOptions,
  FutureValueOptions,
  LifecycleOptions,
} from './options.js';
export { CUSTOMERS_PLUGIN_ID } from './plugin-id.js';
export {
  type CustomerProfile,
  PROFILE_PARTS,
  type ProfileContribution,
  type ProfilePart,
  type ProfilePartResult,
  type ProfileRequest,
} from './profile/profile-types.js';
export type { RecomputeSummary } from './recompute/recompute.js';
export type { CountedSegment } from './segments/segment-queries.js';
export { CUSTOMERS, type CustomersService } from './service.js';
export type { TimelinePage, TimelineQuery } from './timeline/read-timeline.js';
export { timelineWhere } from './timeline/timeline-cursor.js';
export type { TimelineItem, TimelinePosition, TimelineRequest } from './timeline/timeline-types.js';
export { CUSTOMER_VALUE, type CustomerValueRecorder } from './value/value-recorder.js';
