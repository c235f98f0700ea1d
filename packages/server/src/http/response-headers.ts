import type { Context } from 'hono';
import { type RateDecision, setRateLimitHeaders } from './rate-limit.js';

/**
 * Headers on every API response, after the OWASP REST Security Cheat Sheet: a JSON API needs
 * no scripts, frames or caches. `no-store` keeps personal data out of browser and proxy caches;
 * clients that keep their own copy still revalidate with `If-None-Match` and write with `If-Match`.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=15552000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
});

/**
 * A response with the API headers, the request id and the key's `RateLimit-*` headers already in
 * place, built from a plain header object (no `Headers` instance), so the Node adapter writes it
 * without copying headers again.
 */
export function respond(
  c: Context,
  body: string | null,
  status: number,
  headers: Record<string, string> = {},
): Response {
  const requestId = c.get('requestId') as string | undefined;
  const all: Record<string, string> = requestId
    ? { ...API_SECURITY_HEADERS, 'x-request-id': requestId, ...headers }
    : { ...API_SECURITY_HEADERS, ...headers };
  const rate = c.get('rateLimit') as RateDecision | undefined;
  if (rate !== undefined) setRateLimitHeaders(all, rate);
  const response = new Response(body, { status, headers: all });
  // Remembered on the context, not in a WeakSet: a weak entry per response made every
  // garbage collection slower (~0.5 µs per request measured).
  c.set('framedResponse', response);
  return response;
}

/** `respond` with a body that is already JSON text. */
export function respondJsonText(
  c: Context,
  json: string,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return respond(c, json, status, { 'content-type': 'application/json', ...headers });
}

/** `respond` with a value serialized as JSON. */
export function respondJson(
  c: Context,
  value: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return respondJsonText(c, JSON.stringify(value), status, headers);
}

/**
 * Adds the request id, the key's `RateLimit-*` headers and, unless the response is an HTML page
 * (which sets its own policy), the API headers to the context's response when it was built
 * elsewhere (plugin routes using `c.json`), keeping any the route set itself.
 */
export function completeHeaders(c: Context, requestId: string): void {
  if (c.res === c.get('framedResponse')) return;
  const headers = c.res.headers;
  if (!headers.has('x-request-id')) headers.set('x-request-id', requestId);
  const rate = c.get('rateLimit') as RateDecision | undefined;
  if (rate !== undefined) {
    const limits: Record<string, string> = {};
    setRateLimitHeaders(limits, rate);
    for (const name in limits) headers.set(name, limits[name] as string);
  }
  if (headers.get('content-type')?.startsWith('text/html')) return;
  for (const name in API_SECURITY_HEADERS) {
    if (!headers.has(name)) headers.set(name, API_SECURITY_HEADERS[name] as string);
  }
}
