import type { MiddlewareHandler } from 'hono';
import type { RapportEnv } from '../http/env.js';
import { HttpProblem } from '../http/problem.js';
import type { ApiKeyVerifier } from './api-keys.js';

/**
 * Requires `Authorization: Bearer rk_...` with a valid, unrevoked key and puts its actor on the
 * context. Answers 401 (with `WWW-Authenticate`) otherwise. The system actor is never reachable.
 */
export function requireApiKey(verifier: ApiKeyVerifier): MiddlewareHandler<RapportEnv> {
  return async function apiKeyAuth(c, next) {
    const header = c.req.header('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token)
      throw new HttpProblem('UNAUTHENTICATED', 'this route needs an API key: Authorization: Bearer rk_...');
    const verified = verifier.verify(token);
    // A cached key answers synchronously: no extra turn of the event loop for most requests.
    const actor = verified instanceof Promise ? await verified : verified;
    if (!actor) throw new HttpProblem('UNAUTHENTICATED', 'the API key is not valid or has been revoked');
    c.set('actor', actor);
    await next();
  };
}
