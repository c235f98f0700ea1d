import { timingSafeEqual } from 'node:crypto';
import type { Actor, SignedInUser } from '@rapport/core';
import type { Context, MiddlewareHandler, Next } from 'hono';
import type { RapportEnv } from '../http/env.js';
import { HttpProblem } from '../http/problem.js';
import type { ApiKeyVerifier } from './api-keys.js';
import { type CookieScheme, clearedSessionCookie, sessionTokenOf } from './session-cookie.js';
import type { SessionVerifier } from './session-verifier.js';

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

/** What session authentication needs: the verifier and whether a request came over https. */
export interface SessionAuth {
  verifier: SessionVerifier;
  scheme(c: Context): CookieScheme;
}

/** Methods that read; every other method changes something and needs the CSRF token. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether the request's `X-CSRF-Token` is the session's (compared in constant time). */
function csrfMatches(c: Context, expected: string): boolean {
  const sent = c.req.header('x-csrf-token');
  if (sent === undefined) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Authenticates a request by API key or by session: a request with an `Authorization` header is
 * checked as an API key (never by its cookie too); otherwise the session cookie must hold a live
 * session of an active user, and a request with any method but GET, HEAD and OPTIONS must send
 * that session's token in `X-CSRF-Token` (403 `CSRF_FAILED` otherwise). A cookie of an ended
 * session gets a 401 that clears it. Without `sessions`, only keys are accepted.
 */
export function authenticate(
  keys: ApiKeyVerifier,
  sessions: SessionAuth | undefined,
): MiddlewareHandler<RapportEnv> {
  const byKey = requireApiKey(keys);
  if (!sessions) return byKey;
  const admit = (
    c: Context<RapportEnv>,
    next: Next,
    signedIn: SignedInUser | undefined,
    scheme: CookieScheme,
  ): Promise<void> => {
    if (!signedIn) {
      throw new HttpProblem('UNAUTHENTICATED', 'the session has ended; sign in again', {
        headers: { 'set-cookie': clearedSessionCookie(scheme) },
      });
    }
    if (!SAFE_METHODS.has(c.req.method) && !csrfMatches(c, signedIn.session.csrfToken)) {
      throw new HttpProblem(
        'CSRF_FAILED',
        `a ${c.req.method} request signed in by cookie must send the header X-CSRF-Token with the csrfToken of the session (from sign-in or GET /api/me)`,
      );
    }
    c.set('actor', signedIn.actor);
    c.set('session', signedIn.session);
    c.set('user', signedIn.user);
    return next();
  };
  return function authenticateRequest(c, next) {
    if (c.req.header('authorization') !== undefined) return byKey(c, next);
    const scheme = sessions.scheme(c);
    const token = sessionTokenOf(c, scheme);
    if (token === undefined) {
      throw new HttpProblem(
        'UNAUTHENTICATED',
        'this route needs a session (sign in with POST /api/auth/sign-in) or an API key (Authorization: Bearer rk_...)',
      );
    }
    c.set('sessionToken', token);
    const verified = sessions.verifier.verify(token);
    return verified instanceof Promise
      ? verified.then((signedIn) => admit(c, next, signedIn, scheme))
      : admit(c, next, verified, scheme);
  };
}
