import {
  emailKeyOf,
  type FieldError,
  MAX_EMAIL_LENGTH,
  MAX_PASSWORD_LENGTH,
  userProfile,
  ValidationError,
} from '@rapport/core';
import { Hono } from 'hono';
import { clearedSessionCookie, sessionCookie, sessionTokenOf } from '../auth/session-cookie.js';
import type { UserAuth } from '../auth/user-auth.js';
import type { RapportEnv } from '../http/env.js';
import { HttpProblem } from '../http/problem.js';
import { respond, respondJson } from '../http/response-headers.js';
import { readJsonObject } from './route-kit.js';

/** The longest password text read at all (longer ones are refused before any hashing). */
const MAX_PASSWORD_TEXT = MAX_PASSWORD_LENGTH * 4;

/** `{ email, password }` from a sign-in body, or a 400 naming each bad field. */
function readCredentials(body: Record<string, unknown>): { email: string; password: string } {
  const errors: FieldError[] = [];
  const { email, password, ...rest } = body;
  if (typeof email !== 'string' || email.length === 0 || email.length > MAX_EMAIL_LENGTH) {
    errors.push({
      path: 'email',
      rule: 'type',
      message: `must be a string of 1 to ${MAX_EMAIL_LENGTH} characters`,
    });
  }
  if (typeof password !== 'string' || password.length === 0 || password.length > MAX_PASSWORD_TEXT) {
    errors.push({
      path: 'password',
      rule: 'type',
      message: `must be a string of 1 to ${MAX_PASSWORD_TEXT} characters`,
    });
  }
  for (const field of Object.keys(rest))
    errors.push({ path: field, rule: 'unknown', message: 'is not a known field' });
  if (errors.length > 0) {
    throw new ValidationError(
      `send { "email": "...", "password": "..." }: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
      errors,
    );
  }
  return { email: email as string, password: password as string };
}

/**
 * `POST /api/auth/sign-in` `{ email, password }` (no key or session needed): 200
 * `{ user, csrfToken }` and the session cookie; 401 `INVALID_CREDENTIALS` with one answer for an
 * unknown address, a wrong password and an inactive account; 429 `RATE_LIMITED` with
 * `Retry-After` once an address or a client has failed too often. A session the request already
 * carried ends (a new session id at every sign-in).
 */
export function signInRoutes(auth: UserAuth): Hono<RapportEnv> {
  const app = new Hono<RapportEnv>();
  app.post('/sign-in', async (c) => {
    const { email, password } = readCredentials(await readJsonObject(c));
    const kernel = c.get('kernel');
    const account = emailKeyOf(email);
    const client = auth.clientKey(c);
    const wait = auth.throttle.retryAfter(account, client, kernel.clock.now());
    if (wait > 0) {
      c.get('logger').warn({ reason: 'throttled' }, 'sign-in refused');
      throw new HttpProblem('RATE_LIMITED', `too many failed sign-ins; try again in ${wait} s`, {
        headers: { 'retry-after': String(wait) },
      });
    }
    const signedIn = await auth.accounts.signIn(email, password, auth.verifier.settings);
    if (!signedIn) {
      auth.throttle.failed(account, client, kernel.clock.now());
      c.get('logger').info({ reason: 'credentials' }, 'sign-in refused');
      throw new HttpProblem('INVALID_CREDENTIALS', 'the e-mail address or the password is not right');
    }
    auth.throttle.succeeded(account);
    const scheme = auth.scheme(c);
    const previous = sessionTokenOf(c, scheme);
    if (previous !== undefined) {
      auth.verifier.forget(previous);
      await auth.accounts.signOut(previous);
    }
    c.get('logger').info({ userId: signedIn.user.id }, 'signed in');
    return respondJson(c, { user: userProfile(signedIn.user), csrfToken: signedIn.session.csrfToken }, 200, {
      'set-cookie': sessionCookie(signedIn.token, scheme),
    });
  });
  return app;
}

/**
 * `POST /api/auth/sign-out` (signed in; by cookie with `X-CSRF-Token`): ends the session and
 * clears the cookie, 204. With an API key there is no session to end: 204 all the same.
 */
export function signOutRoutes(auth: UserAuth): Hono<RapportEnv> {
  const app = new Hono<RapportEnv>();
  app.post('/sign-out', async (c) => {
    const token = c.get('sessionToken');
    const session = c.get('session');
    if (token !== undefined && session !== undefined) {
      auth.verifier.forget(token);
      await auth.accounts.signOut(session.id);
      c.get('logger').info({ userId: session.userId }, 'signed out');
    }
    return respond(c, null, 204, { 'set-cookie': clearedSessionCookie(auth.scheme(c)) });
  });
  return app;
}
