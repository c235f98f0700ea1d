import type { Actor, Kernel, Logger, SessionInfo, UserRecord } from '@rapport/core';
import type { RateDecision } from './rate-limit.js';

/**
 * The Hono environment of every Rapport route: plugin route handlers read the kernel, the
 * authenticated actor and a request-scoped logger from here.
 *
 * @example
 * ```ts
 * const routes = new Hono<RapportEnv>().get('/funnel', async (c) => {
 *   const deals = c.get('kernel').data('deal', { actor: c.get('actor') });
 *   return c.json(await deals.aggregate({ groupBy: ['stage'], measures: { n: 'count' } }));
 * });
 * ```
 */
export interface RapportEnv {
  Variables: {
    kernel: Kernel;
    actor: Actor;
    /** The session of a request signed in by cookie (absent for API keys). */
    session: SessionInfo | undefined;
    /** The signed-in user of a session (absent for API keys). */
    user: UserRecord | undefined;
    /** The session token of a request signed in by cookie: a secret, never logged or answered. */
    sessionToken: string | undefined;
    logger: Logger;
    requestId: string;
    /** The path as logged and shown in problems, when it differs from the request's (link tokens redacted). */
    logPath: string;
    /** The response `respond` built with the API headers already in place. */
    framedResponse: Response;
    /** The rate-limit decision of the request's key, when the key is limited (for the `RateLimit-*` headers). */
    rateLimit: RateDecision | undefined;
  };
}
