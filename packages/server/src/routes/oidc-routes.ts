import { SERVER_SECRET, SESSIONS } from '@rapport/core';
import { type Context, Hono } from 'hono';
import {
  clearedFlowCookie,
  FLOW_SECONDS,
  flowCookie,
  flowCookieOf,
  openFlow,
  sealFlow,
} from '../auth/oidc/flow-cookie.js';
import { userForClaims } from '../auth/oidc/oidc-accounts.js';
import type { OidcSignIn } from '../auth/oidc/oidc-sign-in.js';
import { DEFAULT_RETURN_TO, localReturnTo } from '../auth/oidc/return-to.js';
import { sessionCookie, sessionTokenOf } from '../auth/session-cookie.js';
import type { UserAuth } from '../auth/user-auth.js';
import type { RapportEnv } from '../http/env.js';
import { HttpProblem } from '../http/problem.js';
import { respond, respondJson } from '../http/response-headers.js';

/** The path that starts a provider sign-in (`?returnTo=` a local path). */
export const OIDC_START_PATH = '/api/auth/oidc/start';

/** What `GET /api/auth/methods` answers: how people may sign in here. */
export interface SignInMethods {
  password: true;
  /** The provider sign-in, when one is configured: the button's provider name and where it starts. */
  oidc: { name: string; start: string } | null;
}

/** `GET /api/auth/methods` (public): what the sign-in page offers. */
export function signInMethodRoutes(oidc: OidcSignIn | undefined): Hono<RapportEnv> {
  const methods: SignInMethods = {
    password: true,
    oidc: oidc ? { name: oidc.settings.name, start: OIDC_START_PATH } : null,
  };
  return new Hono<RapportEnv>().get('/methods', (c) => respondJson(c, methods));
}

/** Whether a callback came from a browser's navigation (which gets a page, not a JSON problem). */
function fromBrowser(c: Context): boolean {
  return (c.req.header('accept') ?? '').includes('text/html');
}

/**
 * A refused callback: a browser is sent to the console's sign-in page with the code (and the
 * refusal's reason) to show; other clients get the problem. The flow cookie is cleared either way.
 */
function refusedCallback(c: Context<RapportEnv>, error: HttpProblem, clear: string): Response {
  c.get('logger').info({ reason: error.code, detail: error.message }, 'provider sign-in refused');
  if (!fromBrowser(c)) {
    throw new HttpProblem(error.code, error.message, {
      ...(error.details ? { details: error.details } : {}),
      cause: error,
      headers: { 'set-cookie': clear },
    });
  }
  const page = new URLSearchParams({ signInError: error.code });
  const reason = error.details?.reason;
  if (typeof reason === 'string') page.set('reason', reason);
  return respond(c, null, 303, { location: `${DEFAULT_RETURN_TO}?${page}`, 'set-cookie': clear });
}

/**
 * `GET /oidc/start?returnTo=/console/...` and `GET /oidc/callback` (public, under `/api/auth`):
 * the start sends the browser to the provider (302) with a fresh state, nonce and PKCE
 * challenge, keeping them and the return path in a signed, HttpOnly, ten-minute flow cookie; a
 * `returnTo` that is not a local path is a 400. The callback checks the cookie's signature, the
 * state and (through the ID token) the nonce, redeems the code with the PKCE verifier, finds or
 * creates the user (see `userForClaims`), and opens a session with the same cookie as password
 * sign-in, then sends the browser to `returnTo` (302). A refusal (401 `OIDC_FAILED`, 403
 * `SIGN_IN_REFUSED`) sends a browser to the console's sign-in page with `?signInError=`, and
 * counts against the client's sign-in allowance (429 `RATE_LIMITED` once it is used up).
 */
export function oidcRoutes(auth: UserAuth, oidc: OidcSignIn): Hono<RapportEnv> {
  const app = new Hono<RapportEnv>();
  app.get('/oidc/start', async (c) => {
    const returnTo = localReturnTo(c.req.query('returnTo'));
    const kernel = c.get('kernel');
    const { url, flow } = await oidc.client.start();
    const expiresAt = kernel.clock.now() + FLOW_SECONDS * 1000;
    const sealed = sealFlow({ ...flow, returnTo, expiresAt }, kernel.resolve(SERVER_SECRET));
    return respond(c, null, 302, { location: url.href, 'set-cookie': flowCookie(sealed, auth.scheme(c)) });
  });
  app.get('/oidc/callback', async (c) => {
    const kernel = c.get('kernel');
    const scheme = auth.scheme(c);
    const clear = clearedFlowCookie(scheme);
    const client = auth.clientKey(c);
    // Each callback may cost a request to the provider: a client that keeps failing waits, as at password sign-in.
    const wait = auth.throttle.clientRetryAfter(client, kernel.clock.now());
    if (wait > 0) {
      c.get('logger').warn({ reason: 'throttled' }, 'provider sign-in refused');
      throw new HttpProblem('RATE_LIMITED', `too many failed sign-ins; try again in ${wait} s`, {
        headers: { 'retry-after': String(wait), 'set-cookie': clear },
      });
    }
    try {
      const flow = await openFlow(flowCookieOf(c, scheme), kernel.resolve(SERVER_SECRET), kernel.clock.now());
      if (!flow) {
        throw new HttpProblem(
          'OIDC_FAILED',
          'the sign-in flow cookie is missing, expired or not signed by this server: start the sign-in again',
        );
      }
      const claims = await oidc.client.finish(new URL(c.req.url).search, flow);
      const user = await userForClaims(auth.accounts, oidc.settings, claims);
      const previous = sessionTokenOf(c, scheme);
      if (previous !== undefined) {
        auth.verifier.forget(previous);
        await auth.accounts.signOut(previous);
      }
      const issued = await kernel.resolve(SESSIONS).create(user.id, auth.verifier.settings);
      c.get('logger').info({ userId: user.id, via: 'oidc' }, 'signed in');
      const response = respond(c, null, 302, {
        location: flow.returnTo,
        'set-cookie': sessionCookie(issued.token, scheme),
      });
      response.headers.append('set-cookie', clear);
      return response;
    } catch (error) {
      if (
        error instanceof HttpProblem &&
        (error.code === 'OIDC_FAILED' || error.code === 'SIGN_IN_REFUSED')
      ) {
        auth.throttle.clientFailed(client, kernel.clock.now());
        return refusedCallback(c, error, clear);
      }
      throw error;
    }
  });
  return app;
}
