export { type ApiKey, ApiKeyEntity, apiKeys } from './auth/api-key-entity.js';
export {
  ApiKeyVerifier,
  type CreateApiKeyOptions,
  type CreatedApiKey,
  createApiKey,
  listApiKeys,
  revokeApiKey,
} from './auth/api-keys.js';
export { requireApiKey } from './auth/auth-middleware.js';
export { createServer, type ServerOptions } from './create-server.js';
export type { RapportEnv } from './http/env.js';
export { etagOf, versionFromIfMatch } from './http/etag.js';
export { HttpProblem, type Problem, problemOf } from './http/problem.js';
export { type RateDecision, RateLimiter, type RateLimitPolicy, rateLimitHeaders } from './http/rate-limit.js';
export { readJsonBody } from './http/read-json.js';
export { buildOpenApi, type OpenApiOptions } from './openapi/build-openapi.js';
export {
  assertKnownParameters,
  queryParams,
  readAggregateQuery,
  readFindQuery,
  readPageQuery,
} from './query/parse-query.js';
export { apiKeyRoutes } from './routes/api-key-routes.js';
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
