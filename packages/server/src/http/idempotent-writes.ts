import { createHash } from 'node:crypto';
import { type Duration, IDEMPOTENCY, toMilliseconds } from '@rapport/core';
import type { MiddlewareHandler } from 'hono';
import type { RapportEnv } from './env.js';
import { HttpProblem } from './problem.js';

/** Options of idempotent writes (`createServer({ idempotency })`). */
export interface IdempotencyOptions {
  /** How long a key's first answer is kept for retries (default `'24h'`, at most `'30d'`). */
  window?: Duration;
}

/** How long a key's answer is kept when the server options do not say. */
export const DEFAULT_IDEMPOTENCY_WINDOW = '24h';
const MAX_WINDOW_MS = 30 * 86_400_000;
/** Routes whose answers hold a secret shown once: the header is ignored there. */
const SECRET_ANSWERS = ['/api/api-keys'];
/** A key: 1 to 255 visible ASCII characters (a UUID, an order number, ...). */
const KEY = /^[\x21-\x7e]{1,255}$/;
/** The headers of a first answer a replay repeats (the rate-limit and request headers are the retry's own). */
const KEPT_HEADERS = ['content-type', 'etag', 'location', 'last-modified'];

/** A kept answer. */
interface KeptAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Problems with the idempotency options, one per bad option (for `createServer`'s check). */
export function idempotencyOptionProblems(
  options: false | IdempotencyOptions | undefined,
): Array<{ path: string; rule: string; message: string }> {
  if (!options || options.window === undefined) return [];
  let ms: number;
  try {
    ms = toMilliseconds(options.window);
  } catch (error) {
    return [{ path: 'idempotency.window', rule: 'duration', message: (error as Error).message }];
  }
  return ms <= MAX_WINDOW_MS
    ? []
    : [{ path: 'idempotency.window', rule: 'maximum', message: 'must be at most 30d' }];
}

/**
 * `Idempotency-Key` on POST and PATCH under `/api`: the first request with a key runs in one
 * transaction with the key's row, and a successful answer (status below 400) is kept with it for
 * the window — a retry with the same key then gets that answer again (same status, body and
 * `content-type`, `etag`, `location`), marked `Idempotent-Replayed: true`, and writes nothing. A
 * failed request keeps nothing and rolls its writes back, so it may be retried with the same key
 * (as Stripe does). The same key with another method, path, query, content type or body is a 422
 * `IDEMPOTENCY_KEY_REUSED`. Keys belong to the caller (the API key's user, or the key): two
 * callers' keys never meet. A retry arriving while the first runs waits for it, on every store.
 */
export function idempotentWrites(options: IdempotencyOptions = {}): MiddlewareHandler<RapportEnv> {
  const ttlMs = toMilliseconds(options.window ?? DEFAULT_IDEMPOTENCY_WINDOW);
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined || (c.req.method !== 'POST' && c.req.method !== 'PATCH')) return next();
    // Answers that carry a secret shown once (a new API key) must not be kept in the store.
    if (SECRET_ANSWERS.some((prefix) => c.req.path.startsWith(prefix))) return next();
    if (!KEY.test(key)) {
      throw new HttpProblem('BAD_REQUEST', 'Idempotency-Key must be 1 to 255 visible ASCII characters', {
        details: { field: 'Idempotency-Key', rule: 'format' },
      });
    }
    const body = await c.req.text();
    const url = new URL(c.req.url);
    const fingerprint = createHash('sha256')
      .update([c.req.method, url.pathname, url.search, c.req.header('content-type') ?? '', ''].join('\n'))
      .update(body)
      .digest('base64url');
    const keys = c.get('kernel').resolve(IDEMPOTENCY);
    const answer = await keys.once<KeptAnswer | undefined>(
      { scope: c.get('actor').id, key, fingerprint, ttlMs },
      async () => {
        await next();
        if (c.error || c.res.status >= 400) return { keep: false, result: undefined };
        const headers: Record<string, string> = {};
        for (const name of KEPT_HEADERS) {
          const value = c.res.headers.get(name);
          if (value !== null) headers[name] = value;
        }
        return { keep: true, result: { status: c.res.status, headers, body: await c.res.clone().text() } };
      },
    );
    if (answer.replayed && answer.result) {
      const { status, headers, body: kept } = answer.result;
      c.res = new Response(status === 204 ? null : kept, {
        status,
        headers: { ...headers, 'idempotent-replayed': 'true' },
      });
    }
  };
}
