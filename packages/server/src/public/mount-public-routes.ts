import { type Kernel, LINKS, type PublicRouteMount, redactLinkTokens } from '@rapport/core';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { limitBody } from '../http/body-limit.js';
import type { RapportEnv } from '../http/env.js';
import { HttpProblem, problemOf, sendProblem } from '../http/problem.js';
import { RateLimiter, type RateLimitPolicy } from '../http/rate-limit.js';
import { requestDeadline } from '../http/request-deadline.js';
import { compileCatalogue } from '../pages/messages.js';
import { PageRenderer } from '../pages/page-kit.js';
import { addressKey, clientAddress, type TrustedProxy } from './client-address.js';
import type { PublicEnv } from './public-env.js';
import { PublicResponses } from './public-responses.js';
import { requestLinks } from './request-links.js';
import { requestSignature } from './signed-requests.js';

/** The `publicRoutes` options of `createServer`. */
export interface PublicRoutesOptions {
  /**
   * Limits of the public routes (defaults in {@link DEFAULT_PUBLIC_RATE_LIMITS}): `perClient`
   * counts every request of a client address (an IPv6 client by its /64), `perToken` every
   * check of one link token. Over either, the answer is 429 with `Retry-After`.
   */
  rateLimits?: { perClient?: RateLimitPolicy; perToken?: RateLimitPolicy };
  /** Take the client address from this proxy's header instead of the socket (see {@link TrustedProxy}). */
  trustedProxy?: TrustedProxy;
}

/**
 * Generous for people (one household or office shares an address; a page and its form are two
 * requests) and for a gateway's callbacks, tight for one token: 30 checks a minute, 10 at once,
 * is plenty for a person and makes guessing a token's 192-bit secret hopeless anyway.
 */
export const DEFAULT_PUBLIC_RATE_LIMITS: Readonly<{ perClient: RateLimitPolicy; perToken: RateLimitPolicy }> =
  Object.freeze({
    perClient: { limit: 300, windowMs: 60_000, burst: 60 },
    perToken: { limit: 30, windowMs: 60_000, burst: 10 },
  });

/** What {@link mountPublicRoutes} reads of the server's options (`title` names the site on every page). */
export interface PublicMountSettings {
  title?: string;
  requestTimeoutMs?: number;
  bodyLimitBytes?: number;
  publicRoutes?: PublicRoutesOptions;
  /** The server-wide trusted proxy, used when `publicRoutes.trustedProxy` is not set. */
  trustedProxy?: TrustedProxy;
}

/** The part of the server that serves `/p/*`. */
export interface PublicSite {
  /** Whether a path is a public one (`/p/...`). */
  owns(path: string): boolean;
  /** The answer to an unknown public path: the same 404 as a refused link. */
  notFound(c: Context): Response | Promise<Response>;
}

/**
 * Mounts every plugin's public routes at their `/p/<plugin>[/<path>]` prefix, without the API-key
 * middleware: the request time limit and body limit as on `/api`, then the per-client rate limit,
 * then `c.var.links`, `c.var.pages`, `c.var.signature` and `c.var.clientAddress` for the route.
 * Each mount's catalogue is checked here, so a broken one stops the server from being created.
 */
export function mountPublicRoutes(
  app: Hono<RapportEnv>,
  kernel: Kernel,
  settings: PublicMountSettings,
): PublicSite {
  const limits = settings.publicRoutes?.rateLimits ?? {};
  const perClient = new RateLimiter(limits.perClient ?? DEFAULT_PUBLIC_RATE_LIMITS.perClient);
  const perToken = new RateLimiter(limits.perToken ?? DEFAULT_PUBLIC_RATE_LIMITS.perToken);
  const proxy = settings.publicRoutes?.trustedProxy ?? settings.trustedProxy;
  const renderer = new PageRenderer(settings.title ?? 'Rapport');
  const timeoutMs = settings.requestTimeoutMs ?? 30_000;
  const maxBody = settings.bodyLimitBytes ?? 1_048_576;
  const responses = new PublicResponses(renderer);
  const now = () => kernel.clock.now();
  const links = kernel.resolve(LINKS);

  app.use(
    '/p/*',
    requestDeadline(
      timeoutMs,
      () => new HttpProblem('TIMEOUT', `the request took longer than ${timeoutMs} ms; it was stopped`),
    ),
  );
  app.use(
    '/p/*',
    limitBody(maxBody, (c) =>
      sendProblem(c, problemOf(413, 'PAYLOAD_TOO_LARGE', `the body is larger than ${maxBody} bytes`)),
    ),
  );
  const frame: MiddlewareHandler<PublicEnv> = async function publicFrame(c, next) {
    c.set('logPath', redactLinkTokens(c.req.path));
    const address = clientAddress(c, proxy);
    const decision = perClient.take(`client:${addressKey(address)}`, now());
    if (!decision.allowed) return responses.tooManyRequests(c, decision);
    c.set('clientAddress', address);
    c.set('links', requestLinks(c, links, perToken, now));
    c.set('signature', requestSignature(c, now));
    await next();
  };
  app.use('/p/*', frame as unknown as MiddlewareHandler<RapportEnv>);

  for (const mount of kernel.publicRoutes) app.route(mount.prefix, publicApp(mount, renderer, responses));
  return {
    owns: (path) => path === '/p' || path.startsWith('/p/'),
    notFound: (c) => responses.notFound(c),
  };
}

/** One mount's app inside a wrapper that gives it its page kit and the public error handler. */
function publicApp(
  mount: PublicRouteMount,
  renderer: PageRenderer,
  responses: PublicResponses,
): Hono<PublicEnv> {
  const catalogue = mount.messages ? compileCatalogue(mount.messages, `plugin '${mount.plugin}'`) : undefined;
  const wrapper = new Hono<PublicEnv>();
  wrapper.onError(responses.onError);
  wrapper.use('*', async function pageKit(c, next) {
    c.set('pages', renderer.kit(c, catalogue));
    await next();
  });
  wrapper.route('/', mount.app as Hono<PublicEnv>);
  return wrapper;
}
