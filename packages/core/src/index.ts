export type { Logger } from 'pino';
export { AccessControl, type AccessView, type RecordRule } from './access/access-control.js';
export { type Actor, isSystemActor, SYSTEM_ACTOR } from './access/actor.js';
export {
  FieldPolicy,
  type FieldRestriction,
  type FieldRule,
  type FieldRules,
  pathCovers,
} from './access/field-policy.js';
export { schemaFor } from './access/field-schema.js';
export { type Action, DEFAULT_ROLES, PRIVILEGED_RESOURCES, permits } from './access/permissions.js';
export {
  AUDIT_COLLECTION,
  AUDIT_SPEC,
  type AuditRecord,
  type FieldChange,
  MAX_ACTOR_ID_LENGTH,
  MAX_AUDITED_FIELDS,
} from './audit/audit-collection.js';
export { diffRecords } from './audit/diff.js';
export { findAll } from './data/find-all.js';
export type { QueryLimits, WriteOptions } from './data/repository.js';
export { Repository } from './data/repository.js';
export { type SweepDueOptions, sweepDue } from './data/sweep-due.js';
export type { Provider, ResolvedDeps } from './di/service-registry.js';
export { createToken, type Token, type TokenType, tokenName } from './di/tokens.js';
export {
  defineEntity,
  type EntityDefinition,
  type EntityExtension,
  type EntityRecord,
  kebabCase,
  type SystemFields,
} from './entities/define-entity.js';
export type { CompiledEntity } from './entities/entity-registry.js';
export type { JsonSchema, JsonSchemaObject } from './entities/json-schema.js';
export {
  ANNOTATION_KEYWORDS,
  CURRENCY_KEYWORD,
  currencyPathOf,
  minorUnitsIn,
  REFERENCE_KEYWORD,
  referencedEntity,
  referenceTo,
} from './entities/schema-annotations.js';
export {
  computed,
  count,
  countryCode,
  currency,
  date,
  dateTime,
  days,
  email,
  enumOf,
  integerBetween,
  jsonObject,
  jsonValue,
  key,
  list,
  MAX_DATE_TIME_LENGTH,
  MAX_DAYS,
  MAX_ID_LENGTH,
  MAX_MINOR_UNITS,
  MAX_PAGE_SIZE,
  minorUnits,
  money,
  numberBetween,
  percent,
  phone,
  ref,
  safeInteger,
  shortText,
  tags,
  text,
  url,
  whereFilter,
} from './entities/schema-blocks.js';
export { unboundedSchemaPaths } from './entities/schema-bounds.js';
export { createSchemaCompiler, type SchemaCheck } from './entities/schema-validator.js';
export { isSystemField, SYSTEM_FIELDS, withSystemFields } from './entities/system-fields.js';
export {
  BootError,
  type BootFailure,
  type ConflictDetails,
  ConflictError,
  type ConflictKind,
  type FieldError,
  FieldForbiddenError,
  ForbiddenError,
  fieldError,
  InvalidQueryError,
  LifecycleError,
  NotFoundError,
  RapportError,
  type RapportErrorOptions,
  StoreError,
  type StoreErrorCode,
  ValidationError,
} from './errors.js';
export type { OutboxOptions } from './events/outbox.js';
export { OUTBOX_COLLECTION, type OutboxRow } from './events/outbox-collection.js';
export type {
  DomainEvent,
  EventHandler,
  EventHandlerContext,
  SubscribeOptions,
  Subscriber,
} from './events/types.js';
export type {
  ConflictContext,
  EntityHooks,
  UniqueConflict,
  ValidateContext,
  WriteContext,
} from './hooks/entity-hooks.js';
export type { KernelHooks } from './hooks/kernel-hooks.js';
export { HookStage } from './hooks/stages.js';
export {
  IDEMPOTENCY_COLLECTION,
  MAX_IDEMPOTENT_RESULT,
} from './idempotency/idempotency-collection.js';
export {
  IdempotencyKeyReusedError,
  type IdempotencyKeys,
  type IdempotentAnswer,
  type IdempotentRequest,
  IdempotentResultUnavailableError,
  type IdempotentWork,
} from './idempotency/idempotency-keys.js';
export { JOBS_COLLECTION } from './jobs/job-collection.js';
export type { CronJobOptions, JobSchedule } from './jobs/job-schedule.js';
export type { JobContext, JobRun, JobScheduler, JobStatus, JobsView } from './jobs/scheduler.js';
export { createKernel } from './kernel/create-kernel.js';
export {
  CLOCK,
  EVENTS,
  IDEMPOTENCY,
  KERNEL,
  LINKS,
  LOGGER,
  METRICS,
  SERVER_SECRET,
  SESSIONS,
  STORE,
  TELEMETRY,
} from './kernel/kernel-tokens.js';
export type {
  BootTiming,
  Kernel,
  KernelConfig,
  KernelEvents,
  KernelTransaction,
  TransactionApi,
} from './kernel/kernel-types.js';
export {
  createLogger,
  type LoggerOptions,
  type LogStream,
  logFormat,
  REDACTED_PATHS,
} from './kernel/logger.js';
export { LINKS_COLLECTION, type LinkUse } from './links/link-collection.js';
export type { LinkPurpose, LinkPurposeOptions } from './links/link-purposes.js';
export {
  LINK_TOKEN_PATTERN,
  type LinkTokenParts,
  parseLinkToken,
  redactLinkTokens,
} from './links/link-token-format.js';
export type {
  IssuedLink,
  IssueLinkOptions,
  LinkExpectation,
  LinkGrant,
  LinkTokens,
} from './links/link-tokens.js';
export { periodWhere, ratioOrNull } from './metrics/metric-kit.js';
export type {
  ComputeOptions as MetricComputeOptions,
  MetricAccess,
  MetricContext,
  MetricDefinition,
  MetricInfo,
  MetricParameters,
  MetricPeriod,
  MetricsRegistry,
  MetricsView,
  MetricValue,
} from './metrics/metrics-registry.js';
export {
  definePlugin,
  type LifecycleContext,
  type MountOptions,
  type PluginDefinition,
  type PluginFactory,
  type PluginInstance,
  type RegisterContext,
  type RouteMount,
} from './plugins/define-plugin.js';
export type {
  MessageCatalogue,
  PublicMountOptions,
  PublicRouteMount,
  PublicRouteSecurity,
} from './plugins/public-routes.js';
export {
  everyKeySchema,
  formRequestBody,
  htmlResponse,
  jsonRequestBody,
  jsonResponse,
  linkTokenParameter,
  pageSchema,
  problemResponse,
  schemaRef,
} from './plugins/route-docs.js';
export { MAX_CURSOR_LENGTH } from './query/cursor.js';
export {
  FORBIDDEN_KEYS,
  fieldTypeAt,
  getPath,
  isForbiddenKey,
} from './query/field-path.js';
export { matchesWhere } from './query/match.js';
export {
  andWhere,
  normalizeAggregate,
  normalizeFind,
  normalizeSort,
  normalizeWhere,
} from './query/normalize.js';
export { projectFields } from './query/project.js';
export * from './query/types.js';
export { SECRETS_COLLECTION } from './secrets/secret-collection.js';
export {
  BARE_SECRET_KID,
  KEY_ID_PATTERN,
  MIN_SECRET_LENGTH,
  parseSecretKeyring,
  SecretConfigError,
  type SecretKey,
} from './secrets/secret-keyring.js';
export type { SecretKeyInfo, ServerSecret } from './secrets/server-secret.js';
export { SESSIONS_COLLECTION } from './sessions/session-collection.js';
export type { IssuedSession, SessionInfo, Sessions, SessionTimeouts } from './sessions/session-service.js';
export { parseSessionToken, SESSION_TOKEN_PATTERN } from './sessions/session-token.js';
export {
  DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
  SIGNATURE_HEADER,
  type SignatureCheck,
  type SignatureRefusal,
  type SignRequestInput,
  signRequest,
  TIMESTAMP_HEADER,
  type VerifySignatureInput,
  verifyRequestSignature,
} from './signatures/request-signature.js';
export { createMemoryVolume, type MemoryVolume, memoryStore } from './store/memory-store.js';
export {
  type MigrateOptions,
  type MigrationProgress,
  type MigrationReport,
  migrateStore,
} from './store/migrate-store.js';
export type {
  CollectionSpec,
  DataStore,
  IndexSpec,
  StoreCapabilities,
  StoredRecord,
  StoreSchema,
  StoreTx,
} from './store/types.js';
export { HotHistogram, type HotSeries } from './telemetry/hot-histogram.js';
export {
  type GaugeSpec,
  type HistogramSpec,
  type HotHistogramSpec,
  type InstrumentSpec,
  LATENCY_BUCKETS,
  Telemetry,
  type TelemetryOptions,
} from './telemetry/telemetry.js';
export {
  DEFAULT_PASSWORD_HASHING,
  PasswordHasher,
  type PasswordHashing,
} from './users/password-hashing.js';
export {
  DEFAULT_MIN_PASSWORD_LENGTH,
  generatePassword,
  MAX_PASSWORD_LENGTH,
  passwordProblems,
} from './users/password-policy.js';
export { coversPermission, fieldsBeyond, permissionsBeyond } from './users/role-grants.js';
export type {
  SignedInUser,
  UserAccounts,
  UserInput,
  UserPatch,
  UserRecord,
  UserWithPassword,
} from './users/user-accounts.js';
export {
  emailKeyOf,
  LANGUAGE_TAG,
  MAX_EMAIL_LENGTH,
  USER_ENTITY,
  type User,
  UserEntity,
} from './users/user-entity.js';
export {
  type UserProfile,
  type UserSummary,
  userActor,
  userProfile,
  userSummary,
} from './users/user-views.js';
export { USERS, USERS_PLUGIN_ID, type UsersOptions, users } from './users/users-plugin.js';
export {
  CALENDAR_UNITS,
  type CalendarPeriod,
  type CalendarUnit,
  calendarPeriod,
  DEFAULT_PERIOD_LIMIT,
  isTimeZone,
  localDate,
  localMonth,
  nextPeriod,
  parseLocalTime,
  periodsInRange,
  previousPeriod,
  shiftPeriod,
  startOfLocalDate,
  timeZoneProblem,
} from './util/calendar.js';
export { type Clock, createManualClock, isoTime, type ManualClock, systemClock } from './util/clock.js';
export { cloneJson } from './util/clone-json.js';
export { type Duration, toMilliseconds } from './util/duration.js';
export { Gate } from './util/gate.js';
export { newId } from './util/ids.js';
export {
  assertJsonDepth,
  assertJsonTextDepth,
  type JsonDepthExcess,
  type JsonDepthOptions,
  jsonDepthExcess,
  jsonDepthFieldError,
  jsonTextDepthExcess,
  MAX_JSON_DEPTH,
} from './util/json-depth.js';
export { canonicalJson, isJsonObject, isPlainObject, sameJson, setOwn } from './util/json-object.js';
export { applyMergePatch } from './util/merge-patch.js';
export { missing } from './util/missing.js';
export { Mutex } from './util/mutex.js';
export { createSeededRandom, mixSeed, type SeededRandom } from './util/seeded-random.js';
export type {
  ViewsView,
  VisibleViews,
} from './views/view-registry.js';
export type {
  ActionView,
  ChartView,
  CustomView,
  DashboardView,
  FormView,
  KanbanLanes,
  KanbanView,
  ListView,
  LocalText,
  MenuEntry,
  PanelContent,
  PanelView,
  RoutePoints,
  TileRow,
  TileRowOptions,
  TileView,
  ViewDefinition,
  ViewKind,
} from './views/view-types.js';
