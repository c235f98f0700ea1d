import {
  type Actor,
  type JsonSchema,
  type Kernel,
  LifecycleError,
  problemResponse,
  type RouteMount,
  USER_ENTITY,
} from '@rapport/core';
import type { CorsOptions } from '../http/cors.js';
import { type ApiRateLimitOptions, DEFAULT_API_RATE_LIMIT } from '../http/key-rate-limit.js';
import { apiKeyComponents, apiKeyPaths } from './api-key-paths.js';
import { entityComponents, entityPaths } from './entity-paths.js';
import {
  IDEMPOTENCY_KEY_PARAMETER,
  IDEMPOTENCY_KEY_REUSED,
  withIdempotencyKeys,
} from './idempotency-paths.js';
import {
  corsText,
  RATE_LIMIT_HEADER_COMPONENTS,
  rateLimitText,
  TOO_MANY_REQUESTS,
  withLimitHeaders,
  withRateLimits,
} from './limit-docs.js';
import { oidcPaths, SIGN_IN_METHODS_SCHEMA, signInMethodsPath } from './oidc-paths.js';
import { openObjects } from './open-objects.js';
import { type Json, OPERATION_METHODS, UNAUTHORIZED } from './openapi-parts.js';
import { publicComponents, publicPaths } from './public-paths.js';
import { SHARED_SCHEMAS } from './shared-schemas.js';
import { SYSTEM_SCHEMAS, systemPaths } from './system-paths.js';
import { mePath, meSchema, SESSION_SECURITY_SCHEME, userComponents, userPaths } from './user-paths.js';

/** Options of {@link buildOpenApi}. */
export interface OpenApiOptions {
  title: string;
  version: string;
  description?: string;
  /** The server's rate limits (default: `createServer`'s default); `false` when it has none. */
  rateLimit?: ApiRateLimitOptions | false;
  /** The server's CORS policy (default: none). */
  cors?: CorsOptions;
  /** Whether the server honours `Idempotency-Key` (default true): documents it on POST and PATCH. */
  idempotency?: boolean;
  /** Whether the server signs people in with an OpenID Connect provider: documents its routes. */
  oidc?: boolean;
  /**
   * The caller the document is for: entity schemas leave out the fields its roles hide and mark
   * the ones they make read-only `readOnly`. Without it, every field is shown.
   */
  actor?: Actor;
}

/** Adds schemas to the components, refusing a name that is already taken. */
function addSchemas(
  target: Record<string, JsonSchema>,
  schemas: Record<string, JsonSchema>,
  by: string,
): void {
  for (const [name, schema] of Object.entries(schemas)) {
    if (name in target) {
      throw new LifecycleError(
        `the OpenAPI schema '${name}' of ${by} is already defined (by the server, an entity or another plugin); rename it`,
      );
    }
    target[name] = schema;
  }
}

/**
 * A plugin's path item as the document shows it: each operation tagged with the plugin (unless it
 * names its tags) and answering the 401 every `/api` route answers without a valid key.
 */
function pluginPathItem(item: Json, mount: RouteMount): Json {
  const out: Json = { ...item };
  for (const method of OPERATION_METHODS) {
    const operation = item[method] as Json | undefined;
    if (!operation) continue;
    out[method] = {
      tags: [mount.plugin],
      ...operation,
      responses: { ...UNAUTHORIZED, ...(operation.responses as Json | undefined) },
    };
  }
  return out;
}

/** The first tag of each name. */
function uniqueByName(tags: Array<{ name: string; description: string }>): Json[] {
  const seen = new Set<string>();
  return tags.filter((tag) => !seen.has(tag.name) && Boolean(seen.add(tag.name)));
}

function pluginPaths(kernel: Kernel, schemas: Record<string, JsonSchema>): Json {
  const paths: Json = {};
  for (const mount of kernel.routes) {
    addSchemas(schemas, mount.schemas ?? {}, `plugin '${mount.plugin}'`);
    for (const [path, item] of Object.entries(mount.openapi ?? {})) {
      paths[`/api/${mount.path}${path === '/' ? '' : path}`] = pluginPathItem(item as Json, mount);
    }
  }
  return paths;
}

/**
 * The OpenAPI 3.1 document of a kernel's API: every exposed entity's routes with request and
 * response schemas taken from the entity schemas (extensions included), the system routes, the
 * key administration routes, and the path items and schemas plugins documented when mounting
 * routes. A schema name used twice is a `LifecycleError`. With `options.actor`, the entity
 * schemas are the ones that caller is shown (its field rules applied).
 */
export function buildOpenApi(kernel: Kernel, options: OpenApiOptions): Json {
  const entities = [...kernel.entities.values()].filter((entity) => entity.exposed);
  const schemas: Record<string, JsonSchema> = { ...SHARED_SCHEMAS, ...SYSTEM_SCHEMAS };
  let paths: Json = systemPaths();
  const apiKey = kernel.entities.get('apiKey');
  if (apiKey) {
    addSchemas(schemas, apiKeyComponents(apiKey), 'the server');
    paths = { ...paths, ...apiKeyPaths() };
  }
  const user = kernel.entities.get(USER_ENTITY);
  addSchemas(schemas, { Me: meSchema(user !== undefined) }, 'the server');
  paths = { ...paths, ...mePath() };
  if (user) {
    addSchemas(schemas, userComponents(user), 'the server');
    addSchemas(schemas, { SignInMethods: SIGN_IN_METHODS_SCHEMA }, 'the server');
    paths = { ...paths, ...userPaths(), ...signInMethodsPath(), ...(options.oidc ? oidcPaths() : {}) };
  }
  for (const entity of entities) {
    const policy = options.actor ? kernel.access.fieldsFor(options.actor, entity.name) : undefined;
    addSchemas(schemas, entityComponents(entity, policy), `entity '${entity.name}'`);
    paths = { ...paths, ...entityPaths(entity) };
  }
  paths = { ...paths, ...pluginPaths(kernel, schemas) };
  paths = { ...paths, ...publicPaths(kernel, (more, by) => addSchemas(schemas, more, by)) };
  const publicParts = publicComponents(kernel);
  const plugins = new Map(kernel.plugins.map((plugin) => [plugin.id, plugin.description]));
  const pluginTags = [
    ...new Set([...kernel.routes, ...kernel.publicRoutes].map((mount) => mount.plugin)),
  ].map((id) => ({
    name: id,
    description: plugins.get(id) ?? `Routes of the ${id} plugin.`,
  }));
  const rateLimit = options.rateLimit ?? DEFAULT_API_RATE_LIMIT;
  const limited = rateLimit !== false;
  const errorResponse = (description: string) =>
    limited ? withLimitHeaders(problemResponse(description)) : problemResponse(description);
  const idempotent = options.idempotency !== false;
  const limitedPaths = limited ? withRateLimits(paths) : paths;
  const description = [options.description, rateLimitText(rateLimit), corsText(options.cors)]
    .filter(Boolean)
    .join('\n\n');
  return {
    openapi: '3.1.0',
    info: { title: options.title, version: options.version, description },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/', description: 'The server that serves this document.' }],
    security: user ? [{ apiKey: [] }, { session: [] }] : [{ apiKey: [] }],
    tags: uniqueByName([
      ...entities.map((e) => ({ name: e.name, description: e.description ?? `The ${e.name} records.` })),
      ...pluginTags,
      { name: 'system', description: 'Liveness and readiness; no key needed.' },
      { name: 'metrics', description: 'The metrics plugins publish, computed over a period.' },
      { name: 'audit', description: 'Who changed what, when.' },
      ...(apiKey ? [{ name: 'apiKeys', description: 'Key administration (admins).' }] : []),
      { name: 'auth', description: 'Sign-in, sign-out and who the caller is (see docs/security.md).' },
      ...(user ? [{ name: 'users', description: 'User administration.' }] : []),
    ]),
    paths: openObjects(idempotent ? withIdempotencyKeys(limitedPaths) : limitedPaths),
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: rk_...' },
        ...(user ? { session: SESSION_SECURITY_SCHEME } : {}),
        ...publicParts.securitySchemes,
      },
      schemas: openObjects(schemas),
      ...(limited ? { headers: RATE_LIMIT_HEADER_COMPONENTS } : {}),
      ...(idempotent ? { parameters: { IdempotencyKey: IDEMPOTENCY_KEY_PARAMETER } } : {}),
      responses: {
        ...(idempotent
          ? {
              IdempotencyKeyReused: limited
                ? withLimitHeaders(IDEMPOTENCY_KEY_REUSED)
                : IDEMPOTENCY_KEY_REUSED,
            }
          : {}),
        BadRequest: errorResponse('Invalid input: see errors for each field.'),
        Unauthorized: problemResponse('Missing or invalid API key.'),
        Forbidden: errorResponse(
          'The key lacks the permission, or (code FIELD_FORBIDDEN) its roles hide a field the query uses or keep it from changing a field.',
        ),
        ...publicParts.responses,
        ...(limited ? { TooManyRequests: TOO_MANY_REQUESTS } : {}),
      },
    },
  };
}
