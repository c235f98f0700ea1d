export { type ApiKey, ApiKeyEntity, apiKeys } from './auth/api-key-entity.js';
export {
  ApiKeyVerifier,
  actorOfKey,
  apiKeyActor,
  type CreateApiKeyOptions,
  type CreatedApiKey,
  createApiKey,
  listApiKeys,
  MAX_API_KEYS,
  revokeApiKey,
} from './auth/api-keys.js';
export { authenticate, requireApiKey, type SessionAuth } from './auth/auth-middleware.js';
export { type OidcOptions, oidcOptionProblems } from './auth/oidc/oidc-options.js';
export { permissionsOf } from './auth/permission-list.js';
export { SESSION_COOKIE } from './auth/session-cookie.js';
export {
  DEFAULT_SESSION_OPTIONS,
  type SessionOptions,
  sessionOptionProblems,
} from './auth/session-verifier.js';
export {
  DEFAULT_SIGN_IN_THROTTLE,
  type SignInThrottleOptions,
  signInThrottleProblems,
} from './auth/sign-in-throttle.js';
export { CONSOLE_CSP, type ConsoleOption } from './console/mount-console.js';
export { createServer, type ServerOptions } from './create-server.js';
export {
  CORS_ALLOWED_HEADERS,
  CORS_ALLOWED_METHODS,
  CORS_EXPOSED_HEADERS,
  type CorsOptions,
  corsOptionProblems,
  corsPolicy,
} from './http/cors.js';
export type { RapportEnv } from './http/env.js';
export { etagOf, versionFromIfMatch } from './http/etag.js';
export {
  HEAP_WARNING_THRESHOLD,
  type HeapFigures,
  type HeapStatus,
  type HeapWatchOptions,
  heapStatus,
  watchHeap,
} from './http/heap-watch.js';
export {
  DEFAULT_IDEMPOTENCY_WINDOW,
  type IdempotencyOptions,
  idempotencyOptionProblems,
  idempotentWrites,
} from './http/idempotent-writes.js';
export {
  type ApiRateLimitOptions,
  DEFAULT_API_RATE_LIMIT,
  limitApiKeys,
  RATE_LIMIT_ATTRIBUTE,
  type RateLimitChoice,
  rateLimitOptionProblems,
} from './http/key-rate-limit.js';
export { HttpProblem, type Problem, problemOf } from './http/problem.js';
export {
  RATE_LIMIT_BOUNDS,
  type RateDecision,
  RateLimiter,
  type RateLimitPolicy,
  rateLimitHeaders,
  rateLimitPolicyProblems,
  setRateLimitHeaders,
} from './http/rate-limit.js';
export { readJsonBody } from './http/read-json.js';
export {
  type MetricsOptions,
  MIN_METRICS_TOKEN_LENGTH,
  metricsEndpoint,
  metricsOptionProblems,
} from './metrics/metrics-endpoint.js';
export { type RequestRecorder, requestRecorder, requestSpans } from './metrics/request-metrics.js';
export { buildOpenApi, type OpenApiOptions } from './openapi/build-openapi.js';
export { unboundedOpenApiPaths } from './openapi/unbounded-paths.js';
export { negotiateLocale } from './pages/locale.js';
export { type CompiledCatalogue, compileCatalogue, type MessageValues } from './pages/messages.js';
export type {
  ChoiceOptions,
  FormOptions,
  PageHtml,
  TextFieldOptions,
} from './pages/page-components.js';
export type { Page, PageContent, PageKit } from './pages/page-kit.js';
export { PAGE_COLOURS, PAGE_SECURITY_HEADERS, PAGE_STYLE } from './pages/page-style.js';
export { addressKey, clientAddress, type TrustedProxy } from './public/client-address.js';
export {
  DEFAULT_PUBLIC_RATE_LIMITS,
  type PublicRoutesOptions,
} from './public/mount-public-routes.js';
export type { PublicEnv } from './public/public-env.js';
export {
  LinkNotFoundError,
  PublicRateLimitError,
  SignatureRefusedError,
} from './public/public-problems.js';
export type { RequestLinks } from './public/request-links.js';
export {
  type RequestSignature,
  type RequireSignatureOptions,
  requireSignature,
  type SignatureSecrets,
} from './public/signed-requests.js';
export { METRIC_PERIOD_PARAMETERS, readMetricPeriod } from './query/metric-period.js';
export {
  assertKnownParameters,
  queryParams,
  readAggregateQuery,
  readFindQuery,
  readPageQuery,
} from './query/parse-query.js';
export { apiKeyRoutes } from './routes/api-key-routes.js';
export type { ConsoleEntity, ConsoleModel } from './routes/console-routes.js';
export type { SignInMethods } from './routes/oidc-routes.js';
export {
  mediaType,
  pluginRoutes,
  queryInt,
  type RouteContext,
  readJsonObject,
  readPage,
  useService,
} from './routes/route-kit.js';
export { type RunningServer, type ServeOptions, serveRapport } from './serve.js';
