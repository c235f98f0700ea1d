import { timingSafeEqual } from 'node:crypto';
import type { ServerSecret } from '@rapport/core';
import type { Context } from 'hono';
import { generateCookie, getCookie } from 'hono/cookie';
import type { CookieScheme } from '../session-cookie.js';

/** The flow cookie's name over http; over https it is `__Host-rapport_oidc`. */
export const FLOW_COOKIE = 'rapport_oidc';
/** How long a sign-in at the provider may take, in seconds (the cookie's and the flow's life). */
export const FLOW_SECONDS = 600;
/** The server secret's use for flow cookies (its MACs are worth nothing elsewhere). */
const FLOW_USE = 'oidc-flow';

/** What one sign-in round trip keeps between its start and the provider's callback. */
export interface OidcFlow {
  state: string;
  nonce: string;
  /** The PKCE code verifier (only its S256 challenge went to the provider). */
  verifier: string;
  /** The local path the browser goes to once signed in. */
  returnTo: string;
  /** When the flow ends, in ms on the kernel clock. */
  expiresAt: number;
}

const base64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');

/** The flow as a cookie value: its JSON, the key id and an HMAC-SHA256 under the server secret. */
export function sealFlow(flow: OidcFlow, secret: ServerSecret): string {
  const data = base64url(JSON.stringify(flow));
  const signed = secret.hmac(FLOW_USE, data);
  if (!signed) throw new Error('the server secret has no current key');
  return `${data}.${signed.kid}.${base64url(signed.mac)}`;
}

function isFlow(value: unknown): value is OidcFlow {
  if (typeof value !== 'object' || value === null) return false;
  const flow = value as Record<string, unknown>;
  return (
    ['state', 'nonce', 'verifier', 'returnTo'].every((key) => typeof flow[key] === 'string') &&
    typeof flow.expiresAt === 'number'
  );
}

/** The flow a cookie value holds, or `undefined` when it is malformed, forged or expired. */
export async function openFlow(
  value: string | undefined,
  secret: ServerSecret,
  now: number,
): Promise<OidcFlow | undefined> {
  const [data, kid, mac, ...rest] = (value ?? '').split('.');
  if (!data || !kid || !mac || rest.length > 0 || !(await secret.knows(kid))) return undefined;
  const expected = secret.hmac(FLOW_USE, data, kid)?.mac;
  const sent = Buffer.from(mac, 'base64url');
  if (!expected || sent.length !== expected.length || !timingSafeEqual(sent, expected)) return undefined;
  let flow: unknown;
  try {
    flow = JSON.parse(Buffer.from(data, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  return isFlow(flow) && flow.expiresAt > now ? flow : undefined;
}

/**
 * The flow cookie of a request. Over https only the `__Host-` one counts: a sibling domain cannot
 * plant one (its own flow, to sign the victim in as the attacker at the callback).
 */
export function flowCookieOf(c: Context, scheme: CookieScheme): string | undefined {
  return scheme.secure ? getCookie(c, FLOW_COOKIE, 'host') : getCookie(c, FLOW_COOKIE);
}

/**
 * The `Set-Cookie` of a flow: `HttpOnly`, ten minutes, `Path=/` (which the `__Host-` prefix over
 * https requires), and `SameSite=Lax` — the provider's redirect back is a navigation from its
 * site, which a `Strict` cookie would not come with; `Lax` still keeps it off other sites'
 * requests but top-level GETs.
 */
export function flowCookie(sealed: string, scheme: CookieScheme): string {
  return generateCookie(FLOW_COOKIE, sealed, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: FLOW_SECONDS,
    ...(scheme.secure ? { secure: true, prefix: 'host' as const } : {}),
  });
}

/** The `Set-Cookie` that removes the flow cookie once its callback came (used or refused). */
export function clearedFlowCookie(scheme: CookieScheme): string {
  return generateCookie(FLOW_COOKIE, '', {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: 0,
    expires: new Date(0),
    ...(scheme.secure ? { secure: true, prefix: 'host' as const } : {}),
  });
}
