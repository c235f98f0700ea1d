import { type Actor, type Kernel, LifecycleError, USER_ENTITY, ValidationError } from '@rapport/core';
import { Scalar } from '@scalar/hono-api-reference';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { ApiKeyVerifier } from './auth/api-keys.js';
import { authenticate } from './auth/auth-middleware.js';
import { type OidcOptions, oidcOptionProblems } from './auth/oidc/oidc-options.js';
import { createOidcSignIn } from './auth/oidc/oidc-sign-in.js';
import { answersSecrets } from './auth/secret-answers.js';
import { type SessionOptions, sessionOptionProblems } from './auth/session-verifier.js';
import { type SignInThrottleOptions, signInThrottleProblems } from './auth/sign-in-throttle.js';
import { createUserAuth } from './auth/user-auth.js';
import { type ConsoleOption, mountConsole } from './console/mount-console.js';
import { limitBody } from './http/body-limit.js';
import { type CorsOptions, corsOptionProblems, corsPolicy } from './http/cors.js';
import type { RapportEnv } from './http/env.js';
import { handleError } from './http/error-handler.js';
import { type HeapWatchOptions, heapOptionProblems } from './http/heap-watch.js';
import {
  type IdempotencyOptions,
  idempotencyOptionProblems,
  idempotentWrites,
} from './http/idempotent-writes.js';
import {
  type ApiRateLimitOptions,
  DEFAULT_API_RATE_LIMIT,
  limitApiKeys,
  rateLimitOptionProblems,
} from './http/key-rate-limit.js';
import { HttpProblem, problemOf, sendProblem } from './http/problem.js';
import { requestDeadline } from './http/request-deadline.js';
import { requestFrame } from './http/request-frame.js';
import { type MetricsOptions, metricsEndpoint, metricsOptionProblems } from './metrics/metrics-endpoint.js';
import { requestRecorder, requestSpans } from './metrics/request-metrics.js';
import { buildOpenApi } from './openapi/build-openapi.js';
import type { TrustedProxy } from './public/client-address.js';
import { mountPublicRoutes, type PublicRoutesOptions } from './public/mount-public-routes.js';
import { apiKeyRoutes } from './routes/api-key-routes.js';
import { signInRoutes, signOutRoutes } from './routes/auth-routes.js';
import { consoleRoutes } from './routes/console-routes.js';
import { entityRoutes } from './routes/entity-routes.js';
import { meRoutes } from './routes/me-routes.js';
import { oidcRoutes, signInMethodRoutes } from './routes/oidc-routes.js';
import { healthRoutes, systemApiRoutes } from './routes/system-routes.js';
import { userRoutes } from './routes/user-routes.js';

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
  /**
   * Send the answers to reads (GET, HEAD) that are ready in one event-loop turn together, at its
   * end (default true). Adds at most one turn of latency; under load it saves the client a
   * wake-up per response. Writes are already answered in bursts by the store's group commit.
   */
  batchResponses?: boolean;
  /** Rate limits and the trusted proxy of the public routes plugins mount at `/p/<plugin>` (no API key). */
  publicRoutes?: PublicRoutesOptions;
  /**
   * Requests per API key and window, with a burst (default {@link DEFAULT_API_RATE_LIMIT}: 1 200 a
   * minute, 200 at once); admin keys are not limited unless a role or key attribute says so.
   * Over the limit: 429 `RATE_LIMITED` with `Retry-After`. Each process counts on its own.
   * `false` turns it off.
   */
  rateLimit?: false | ApiRateLimitOptions;
  /** Which browser origins may call `/api` and read `/openapi.json` (default: none). */
  cors?: CorsOptions;
  /**
   * Session timeouts (with the `users()` plugin): idle (default 30 minutes) and absolute (default
   * 8 hours), and how long a process trusts a session it verified (default 5 s).
   */
  sessions?: SessionOptions;
  /** Failed sign-ins allowed per e-mail address and per client address (defaults in `DEFAULT_SIGN_IN_THROTTLE`). */
  signInThrottle?: SignInThrottleOptions;
  /**
   * The reverse proxy the server runs behind: the client address (sign-in throttling, public
   * routes) comes from its header, and `X-Forwarded-Proto: https` makes session cookies `Secure`
   * and `__Host-` prefixed. Trust none by default.
   */
  trustedProxy?: TrustedProxy;
  /**
   * `Idempotency-Key` on POST and PATCH (see {@link idempotentWrites}); answers are kept for
   * `window` (default 24h). `false` ignores the header.
   */
  idempotency?: false | IdempotencyOptions;
  /**
   * The web console at `/console` (default: the built `@rapport/console`, skipped with a log line
   * when it is not built); `{ dir }` serves another build, `false` turns it off.
   */
  console?: ConsoleOption;
  /** When `/readyz` warns that the heap nears its limit (default: from 80% of it). */
  heap?: Omit<HeapWatchOptions, 'intervalMs'>;
  /**
   * Sign-in with an OpenID Connect provider (with the `users()` plugin): authorization code with
   * PKCE at `/api/auth/oidc/start` and `/callback`, groups mapped to roles (see docs/security.md).
   */
  oidc?: OidcOptions;
  /**
   * Request metrics and the Prometheus endpoint `GET /metrics` (see docs/operations.md). Every
   * request is counted and timed by route pattern and status into `kernel.telemetry`; the
   * endpoint answers only a scraper sending `token` (default `RAPPORT_METRICS_TOKEN`) as a bearer
   * token, and is a 404 while no token is set. `false` turns request metrics and the endpoint off.
   */
  metrics?: false | MetricsOptions;
}

/**
 * The Hono app of a kernel: REST routes for every exposed entity, plugin routes under
 * `/api/<plugin>`, metrics and audit, `/api/me`, `/openapi.json`, `/docs`, `/healthz`, `/readyz`
 * and the web console at `/console`. Every route but health, docs, the OpenAPI document, the
 * console and sign-in needs an API key or, with the `users()` plugin in the kernel, a session
 * (`POST /api/auth/sign-in`, `/api/users`; see docs/security.md). The kernel must include the
 * `apiKeys()` plugin. Run it with `@hono/node-server` (see `serveRapport`) or any
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
  const problems = [
    ...rateLimitOptionProblems(options.rateLimit),
    ...corsOptionProblems(options.cors),
    ...sessionOptionProblems(options.sessions),
    ...signInThrottleProblems(options.signInThrottle),
    ...idempotencyOptionProblems(options.idempotency),
    ...heapOptionProblems(options.heap),
    ...oidcOptionProblems(options.oidc, kernel),
    ...metricsOptionProblems(metricsOption(options)),
  ];
  if (options.oidc && !kernel.entities.has(USER_ENTITY)) {
    problems.push({ path: 'oidc', rule: 'requires', message: 'needs the users() plugin in the kernel' });
  }
  if (problems.length > 0) {
    throw new ValidationError(
      `createServer: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
      problems,
    );
  }
  const rateLimit = options.rateLimit ?? DEFAULT_API_RATE_LIMIT;
  const cors = options.cors ? corsPolicy(options.cors) : undefined;
  const query = { maxParameters: options.maxQueryParameters ?? 100 };
  const verifier = new ApiKeyVerifier(kernel, options.keyCacheMs ?? 5_000);
  const auth = createUserAuth(kernel, options);
  const oidc = auth && options.oidc ? createOidcSignIn(options.oidc) : undefined;
  const app = new Hono<RapportEnv>();
  const logRequests = options.logRequests ?? true;

  const metrics = metricsOption(options);
  const spans = requestSpans(kernel);
  if (spans) app.use('*', spans);
  app.use(
    '*',
    requestFrame(kernel, {
      logRequests,
      batchResponses: options.batchResponses ?? true,
      recordRequest: metrics ? requestRecorder(kernel) : undefined,
    }),
  );
  app.onError(handleError);
  const site = mountPublicRoutes(app, kernel, options);
  app.notFound((c) =>
    site.owns(c.req.path)
      ? site.notFound(c)
      : sendProblem(
          c,
          problemOf(404, 'NOT_FOUND', `no route ${c.req.method} ${c.req.path}`, { instance: c.req.path }),
        ),
  );

  app.route('/', healthRoutes(kernel, options.heap));
  if (metrics && metrics.token !== undefined) app.get('/metrics', metricsEndpoint(kernel, metrics.token));
  const authenticated = authenticate(verifier, auth);
  // One document per role set: field rules (and so the schemas shown) depend on the roles alone.
  const documents = new Map<string, Record<string, unknown>>();
  const documentFor = (actor: Actor | undefined) => {
    const key = actor ? `key:${actor.roles.join('\0')}` : 'anonymous';
    let document = documents.get(key);
    if (!document) {
      document = buildOpenApi(kernel, {
        title: options.title ?? 'Rapport CRM API',
        version: options.version ?? '1.0.0',
        rateLimit,
        idempotency: options.idempotency !== false,
        oidc: oidc !== undefined,
        ...(options.cors ? { cors: options.cors } : {}),
        ...(actor ? { actor } : {}),
      });
      if (documents.size >= 256) documents.clear();
      documents.set(key, document);
    }
    return document;
  };
  if (cors) app.use('/openapi.json', cors);
  // Without a key: every field. With one (checked like any /api request): what that key is shown.
  app.get(
    '/openapi.json',
    (c, next) => (c.req.header('authorization') === undefined ? next() : authenticated(c, next)),
    (c) => {
      c.header('vary', 'Authorization');
      return c.json(documentFor(c.get('actor') as Actor | undefined));
    },
  );
  if (options.docs !== false) {
    app.get(
      '/docs',
      secureHeaders(),
      Scalar({
        url: '/openapi.json',
        pageTitle: options.title ?? 'Rapport CRM API',
        ...(options.docs?.cdn ? { cdn: options.docs.cdn } : {}),
      }),
    );
  }

  mountConsole(app, kernel, options.console);

  // Preflights are answered before a key is asked for.
  if (cors) app.use('/api/*', cors);
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  app.use(
    '/api/*',
    requestDeadline(
      timeoutMs,
      () => new HttpProblem('TIMEOUT', `the request took longer than ${timeoutMs} ms; it was stopped`),
    ),
  );
  const maxBody = options.bodyLimitBytes ?? 1_048_576;
  app.use(
    '/api/*',
    limitBody(maxBody, (c) =>
      sendProblem(c, problemOf(413, 'PAYLOAD_TOO_LARGE', `the body is larger than ${maxBody} bytes`)),
    ),
  );
  // Sign-in (by password or provider, and what the sign-in page offers) needs no key or session.
  if (auth) {
    app.route('/api/auth', signInRoutes(auth));
    app.route('/api/auth', signInMethodRoutes(oidc));
    if (oidc) app.route('/api/auth', oidcRoutes(auth, oidc));
  }
  app.use('/api/*', authenticated);
  if (rateLimit) app.use('/api/*', limitApiKeys(rateLimit, kernel));
  if (options.idempotency !== false) {
    const idempotent = idempotentWrites(options.idempotency);
    app.use('/api/*', (c, next) => (answersSecrets(c.req.path) ? next() : idempotent(c, next)));
  }

  app.route('/api/me', meRoutes(auth));
  if (auth) {
    app.route('/api/auth', signOutRoutes(auth));
    app.route('/api/users', userRoutes(kernel, auth.accounts, query));
  }
  app.route('/api', systemApiRoutes(query));
  app.route('/api/api-keys', apiKeyRoutes());
  app.route('/api/console', consoleRoutes());
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

/** The `metrics` option with its token defaulted from `RAPPORT_METRICS_TOKEN`. */
function metricsOption(options: ServerOptions): false | MetricsOptions {
  if (options.metrics === false) return false;
  const token = options.metrics?.token ?? (process.env.RAPPORT_METRICS_TOKEN?.trim() || undefined);
  return token === undefined ? {} : { token };
}
