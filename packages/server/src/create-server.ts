import { type Kernel, LifecycleError } from '@rapport/core';
import { Scalar } from '@scalar/hono-api-reference';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { timeout } from 'hono/timeout';
import { ApiKeyVerifier } from './auth/api-keys.js';
import { requireApiKey } from './auth/auth-middleware.js';
import type { RapportEnv } from './http/env.js';
import { handleError } from './http/error-handler.js';
import { problemOf, sendProblem } from './http/problem.js';
import { buildOpenApi } from './openapi/build-openapi.js';
import { apiKeyRoutes } from './routes/api-key-routes.js';
import { entityRoutes } from './routes/entity-routes.js';
import { healthRoutes, systemApiRoutes } from './routes/system-routes.js';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Options of {@link createServer}; every limit is on by default. */
export interface ServerOptions {
  /** API title and version in the OpenAPI document. */
  title?: string;
  version?: string;
  /** Largest request body in bytes (default 1 MiB): larger bodies get 413. */
  bodyLimitBytes?: number;
  /** Longest time a request may take (default 30 s): then 503. */
  requestTimeoutMs?: number;
  /** Most query-string parameters (default 100). Page size and filter size are kernel limits. */
  maxQueryParameters?: number;
  /** Refuse PATCH/DELETE without If-Match (428). Default false. */
  requireIfMatch?: boolean;
  /** How long a verified key is trusted before it is looked up again (default 5000 ms). */
  keyCacheMs?: number;
  /** The `/docs` page; `false` turns it off; `cdn` points at a self-hosted Scalar bundle. */
  docs?: false | { cdn?: string };
  /** Log one line per request (default true). */
  logRequests?: boolean;
}

/**
 * The Hono app of a kernel: REST routes for every exposed entity, plugin routes under
 * `/api/<plugin>`, metrics and audit, `/openapi.json`, `/docs`, `/healthz` and `/readyz`.
 * Every route but health, docs and the OpenAPI document needs an API key. The kernel must
 * include the `apiKeys()` plugin. Run it with `@hono/node-server` (see `serveRapport`) or any
 * Hono runtime; in tests call `app.request()`.
 *
 * @example
 * ```ts
 * const kernel = await createKernel({ store, plugins: [apiKeys(), customers()] });
 * await kernel.start();
 * const app = createServer(kernel, { title: 'ACME CRM' });
 * const res = await app.request('/api/customers', { headers: { authorization: `Bearer ${key}` } });
 * ```
 */
export function createServer(kernel: Kernel, options: ServerOptions = {}): Hono<RapportEnv> {
  if (!kernel.entities.has('apiKey')) {
    throw new LifecycleError('createServer needs the apiKeys() plugin in the kernel (from @rapport/server)');
  }
  const query = { maxParameters: options.maxQueryParameters ?? 100 };
  const verifier = new ApiKeyVerifier(kernel, options.keyCacheMs ?? 5_000);
  const app = new Hono<RapportEnv>();
  const logRequests = options.logRequests ?? true;

  app.use('*', requestId());
  app.use('*', async function rapportContext(c, next) {
    const id = c.get('requestId');
    const logger = kernel.logger.child({ requestId: id });
    c.set('kernel', kernel);
    c.set('logger', logger);
    const started = performance.now();
    await next();
    if (logRequests) {
      logger.info(
        {
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          ms: Math.round(performance.now() - started),
          actor: c.get('actor')?.id,
        },
        'request',
      );
    }
  });
  app.use('*', secureHeaders());
  app.onError(handleError);
  app.notFound((c) =>
    sendProblem(
      c,
      problemOf(404, 'NOT_FOUND', `no route ${c.req.method} ${c.req.path}`, { instance: c.req.path }),
    ),
  );

  app.route('/', healthRoutes(kernel));
  let document: Record<string, unknown> | undefined;
  app.get('/openapi.json', (c) => {
    document ??= buildOpenApi(kernel, {
      title: options.title ?? 'Rapport CRM API',
      version: options.version ?? '1.0.0',
    });
    return c.json(document);
  });
  if (options.docs !== false) {
    app.get(
      '/docs',
      Scalar({
        url: '/openapi.json',
        pageTitle: options.title ?? 'Rapport CRM API',
        ...(options.docs?.cdn ? { cdn: options.docs.cdn } : {}),
      }),
    );
  }

  app.use(
    '/api/*',
    timeout(
      options.requestTimeoutMs ?? 30_000,
      () => new HTTPException(503, { message: 'the request took too long' }),
    ),
  );
  const limitBody = bodyLimit({
    maxSize: options.bodyLimitBytes ?? 1_048_576,
    onError: (c) =>
      sendProblem(
        c,
        problemOf(
          413,
          'PAYLOAD_TOO_LARGE',
          `the body is larger than ${options.bodyLimitBytes ?? 1_048_576} bytes`,
        ),
      ),
  });
  // Only requests that carry a body pay for the limit (reading `body` builds a full Request).
  app.use('/api/*', async function limitRequestBody(c, next) {
    return BODY_METHODS.has(c.req.method) ? limitBody(c, next) : next();
  });
  app.use('/api/*', requireApiKey(verifier));

  app.route('/api', systemApiRoutes(query));
  app.route('/api/api-keys', apiKeyRoutes());
  for (const mount of kernel.routes) app.route(`/api/${mount.path}`, mount.app as Hono<RapportEnv>);
  for (const entity of kernel.entities.values()) {
    if (entity.exposed)
      app.route(
        `/api/${entity.path}`,
        entityRoutes(entity, { query, requireIfMatch: options.requireIfMatch ?? false }),
      );
  }
  return app;
}
