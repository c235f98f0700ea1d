import {
  emailKeyOf,
  type FieldError,
  MAX_PASSWORD_LENGTH,
  SESSIONS,
  type UserRecord,
  userProfile,
  ValidationError,
} from '@rapport/core';
import { type Context, Hono } from 'hono';
import { permissionsOf } from '../auth/permission-list.js';
import { sessionCookie } from '../auth/session-cookie.js';
import type { UserAuth } from '../auth/user-auth.js';
import type { RapportEnv } from '../http/env.js';
import { HttpProblem } from '../http/problem.js';
import { respondJson } from '../http/response-headers.js';
import { readJsonObject } from './route-kit.js';

/** The user a request acts as: the session's, or the active account an API key belongs to. */
async function userOf(c: Context<RapportEnv>, auth: UserAuth | undefined): Promise<UserRecord | undefined> {
  const signedIn = c.get('user');
  if (signedIn) return signedIn;
  const actor = c.get('actor');
  if (!auth || actor.kind !== 'apiKey' || actor.id.startsWith('key:')) return undefined;
  return auth.accounts.activeUser(actor.id);
}

function readPasswordChange(body: Record<string, unknown>): { current: string; next: string } {
  const errors: FieldError[] = [];
  const { currentPassword, newPassword, ...rest } = body;
  for (const [path, value] of [
    ['currentPassword', currentPassword],
    ['newPassword', newPassword],
  ] as const) {
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_PASSWORD_LENGTH * 4) {
      errors.push({ path, rule: 'type', message: 'must be a non-empty string' });
    }
  }
  for (const path of Object.keys(rest))
    errors.push({ path, rule: 'unknown', message: 'is not a known field' });
  if (errors.length > 0) {
    throw new ValidationError(
      `send { "currentPassword": "...", "newPassword": "..." }: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
      errors,
    );
  }
  return { current: currentPassword as string, next: newPassword as string };
}

/**
 * `GET /api/me`: `{ user, permissions, csrfToken }` for the caller — the user (a session's, or
 * the account an API key belongs to; `null` for other keys), every concrete `resource:action`
 * they may do, and the CSRF token of a session (`null` for keys). `POST /api/me/password`
 * `{ currentPassword, newPassword }`: a user's own password change (throttled like sign-in); every
 * session of theirs ends and a session caller gets a new one (cookie and `csrfToken`).
 */
export function meRoutes(auth: UserAuth | undefined): Hono<RapportEnv> {
  const app = new Hono<RapportEnv>();
  app.get('/', async (c) => {
    const user = await userOf(c, auth);
    return respondJson(c, {
      user: user ? userProfile(user) : null,
      permissions: permissionsOf(c.get('kernel'), c.get('actor')),
      csrfToken: c.get('session')?.csrfToken ?? null,
    });
  });
  if (!auth) return app;
  app.post('/password', async (c) => {
    const { current, next } = readPasswordChange(await readJsonObject(c));
    const user = await userOf(c, auth);
    if (!user) {
      throw new HttpProblem(
        'FORBIDDEN',
        'only a user (signed in, or with a key of their own) has a password to change',
      );
    }
    const clock = c.get('kernel').clock;
    const account = emailKeyOf(user.email);
    const client = auth.clientKey(c);
    const wait = auth.throttle.retryAfter(account, client, clock.now());
    if (wait > 0) {
      throw new HttpProblem('RATE_LIMITED', `too many wrong passwords; try again in ${wait} s`, {
        headers: { 'retry-after': String(wait) },
      });
    }
    const changed = await auth.accounts.changeOwnPassword(user.id, current, next);
    if (!changed) {
      auth.throttle.failed(account, client, clock.now());
      throw new ValidationError('the current password is not right', [
        { path: 'currentPassword', rule: 'mismatch', message: 'is not the current password' },
      ]);
    }
    auth.throttle.succeeded(account);
    const token = c.get('sessionToken');
    if (token !== undefined) auth.verifier.forget(token);
    if (c.get('session') === undefined)
      return respondJson(c, { user: userProfile(changed), csrfToken: null });
    const issued = await c.get('kernel').resolve(SESSIONS).create(changed.id, auth.verifier.settings);
    return respondJson(c, { user: userProfile(changed), csrfToken: issued.session.csrfToken }, 200, {
      'set-cookie': sessionCookie(issued.token, auth.scheme(c)),
    });
  });
  return app;
}
