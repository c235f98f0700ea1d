import { type LinkExpectation, type LinkGrant, type LinkTokens, parseLinkToken } from '@rapport/core';
import type { Context } from 'hono';
import type { RateLimiter } from '../http/rate-limit.js';
import { LinkNotFoundError, PublicRateLimitError } from './public-problems.js';

/**
 * The link tokens of one public request, as `c.var.links`: each check first counts against the
 * token's own rate limit (by its lookup part, so guessing the secret of one link is slow), and
 * any refusal throws the one {@link LinkNotFoundError} the server answers with the same 404.
 */
export interface RequestLinks {
  /** The request's token: the `token` path parameter, else the `token` query parameter. */
  token(): string | undefined;
  /** The grant of a token (default: the request's) for `expect`, without using it up. */
  verify(expect: LinkExpectation, token?: string): Promise<LinkGrant>;
  /** The grant, using a single-use token up (of concurrent uses one wins; the others get the 404). */
  consume(expect: LinkExpectation, token?: string): Promise<LinkGrant>;
}

/** {@link RequestLinks} over the kernel's link tokens and the per-token limiter. */
export function requestLinks(
  c: Context,
  links: LinkTokens,
  limiter: RateLimiter,
  now: () => number,
): RequestLinks {
  const tokenOf = (given: string | undefined) => given ?? c.req.param('token') ?? c.req.query('token');
  const check = async (
    use: (token: string, expect: LinkExpectation) => Promise<LinkGrant | undefined>,
    expect: LinkExpectation,
    given: string | undefined,
  ): Promise<LinkGrant> => {
    const token = tokenOf(given);
    const parts = parseLinkToken(token);
    if (!token || !parts) throw new LinkNotFoundError();
    const decision = limiter.take(`link:${parts.lookup}`, now());
    if (!decision.allowed) throw new PublicRateLimitError(decision);
    const grant = await use(token, expect);
    if (!grant) throw new LinkNotFoundError();
    return grant;
  };
  return {
    token: () => tokenOf(undefined),
    verify: (expect, token) => check((t, e) => links.verify(t, e), expect, token),
    consume: (expect, token) => check((t, e) => links.consume(t, e), expect, token),
  };
}
