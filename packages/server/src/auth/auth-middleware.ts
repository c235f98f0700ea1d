import type { Actor } from '@rapport/core';
import type { Context, MiddlewareHandler, Next } from 'hono';
import type { RapportEnv } from '../http/env.js';
import { HttpProblem } from '../http/problem.js';
import type { ApiKeyVerifier } from './api-keys.js';

/**
 * Requires `Authorization: Bearer rk_...` with a valid, unrevoked key and puts its actor on the
 * context. Answers 401 (with `WWW-Authenticate`) otherwise. The system actor is never reachable.
 */
export function requireApiKey(verifier: ApiKeyVerifier): MiddlewareHandler<RapportEnv> {
  const admit = (c: Context<RapportEnv>, next: Next, actor: Actor | undefined): Promise<void> => {
    if (!actor) throw new HttpProblem('UNAUTHENTICATED', 'the API key is not valid or has been revoked');
    c.set('actor', actor);
    return next();
  };
  // Not `async`: a key verified within the cache time admits the request without a promise of
  // its own; errors thrown here reach Hono's error handler like any other.
  return function apiKeyAuth(c, next) {
    const header = c.req.header('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token)
      throw new HttpProblem('UNAUTHENTICATED', 'this route needs an API key: Authorization: Bearer rk_...');
    const verified = verifier.verify(token);
    return verified instanceof Promise
      ? verified.then((actor) => admit(c, next, actor))
      : admit(c, next, verified);
  };
}
