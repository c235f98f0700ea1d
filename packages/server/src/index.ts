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
export { HttpProblem, type Problem, problemOf } from './http/problem.js';
export { type RateDecision, RateLimiter, type RateLimitPolicy, rateLimitHeaders } from './http/rate-limit.js';
export { buildOpenApi, type OpenApiOptions } from './openapi/build-openapi.js';
export { readAggregateQuery, readFindQuery } from './query/parse-query.js';
export { apiKeyRoutes } from './routes/api-key-routes.js';
export { type RunningServer, type ServeOptions, serveRapport } from './serve.js';
