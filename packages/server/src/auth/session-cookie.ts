import { parseSessionToken } from '@rapport/core';
import type { Context } from 'hono';
import { generateCookie, getCookie } from 'hono/cookie';

/** The session cookie's name over http; over https it is `__Host-rapport_session`. */
export const SESSION_COOKIE = 'rapport_session';

/** Where a request came from as far as cookies care: over https or not. */
export interface CookieScheme {
  secure: boolean;
}

/**
 * The session token a request carries in its cookie, or `undefined`. Over https only the
 * `__Host-` cookie counts (the browser guarantees it was set by this host, `Secure`, for `/`), so a
 * cookie planted over http or by a sibling domain is never read. A malformed value counts as none.
 */
export function sessionTokenOf(c: Context, scheme: CookieScheme): string | undefined {
  const value = scheme.secure ? getCookie(c, SESSION_COOKIE, 'host') : getCookie(c, SESSION_COOKIE);
  return parseSessionToken(value) ? value : undefined;
}

/**
 * The `Set-Cookie` value that hands a session token to the browser: `HttpOnly` (no script reads
 * it), `SameSite=Strict` (no other site's page sends it), `Path=/`; over https also `Secure` with
 * the `__Host-` prefix. No `Max-Age`: a browser-session cookie, ended by the server's timeouts.
 */
export function sessionCookie(token: string, scheme: CookieScheme): string {
  return generateCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    ...(scheme.secure ? { secure: true, prefix: 'host' as const } : {}),
  });
}

/** The `Set-Cookie` value that removes the session cookie (same attributes, expired). */
export function clearedSessionCookie(scheme: CookieScheme): string {
  return generateCookie(SESSION_COOKIE, '', {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    maxAge: 0,
    expires: new Date(0),
    ...(scheme.secure ? { secure: true, prefix: 'host' as const } : {}),
  });
}
