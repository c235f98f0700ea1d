import type { FieldError } from '@rapport/core';
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/**
 * The CORS policy of the API (the `cors` option of `createServer`). Without it no answer carries
 * `Access-Control-Allow-Origin`, so browsers on other origins cannot read the API.
 *
 * @example
 * ```ts
 * createServer(kernel, { cors: { origins: ['https://crm.example.com'] } });
 * ```
 */
export interface CorsOptions {
  /** Origins allowed to call the API from a browser, exactly as the browser sends them (`https://crm.example.com`), or `['*']` for any. */
  origins: string[];
  /** Answer `Access-Control-Allow-Credentials: true` (browsers then send cookies). Default false; not with `'*'`. */
  credentials?: boolean;
  /** How long a browser may keep a preflight answer, in seconds (default 600). */
  maxAgeSeconds?: number;
}

/** The request headers a browser may send to the API. */
export const CORS_ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'if-match',
  'if-none-match',
  'idempotency-key',
  'x-request-id',
] as const;

/** The response headers a browser script may read. */
export const CORS_EXPOSED_HEADERS = [
  'etag',
  'location',
  'idempotent-replayed',
  'x-request-id',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'ratelimit-policy',
  'retry-after',
] as const;

/** The methods of the API's routes. */
export const CORS_ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'] as const;

const ORIGIN = /^https?:\/\/[^/?#\s]+$/;

/** Field errors of a `cors` option; empty when it is valid (or absent). */
export function corsOptionProblems(value: unknown, path = 'cors'): FieldError[] {
  if (value === undefined) return [];
  const errors: FieldError[] = [];
  const push = (at: string, message: string) => errors.push({ path: at, rule: 'cors', message });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    push(path, 'must be { origins: [...], credentials?, maxAgeSeconds? }');
    return errors;
  }
  const { origins, credentials, maxAgeSeconds, ...rest } = value as Record<string, unknown>;
  for (const key of Object.keys(rest)) {
    push(`${path}.${key}`, 'is not an option (known: origins, credentials, maxAgeSeconds)');
  }
  if (!Array.isArray(origins) || origins.length === 0) {
    push(
      `${path}.origins`,
      "must be a non-empty list of origins such as 'https://crm.example.com', or ['*']",
    );
  } else {
    origins.forEach((origin, i) => {
      if (origin !== '*' && (typeof origin !== 'string' || !ORIGIN.test(origin))) {
        push(
          `${path}.origins.${i}`,
          `must be an origin such as 'https://crm.example.com' (scheme and host, no path), got ${JSON.stringify(origin)}`,
        );
      }
    });
    if (origins.includes('*') && origins.length > 1) push(`${path}.origins`, "'*' stands alone");
    if (origins.includes('*') && credentials === true) {
      push(
        `${path}.credentials`,
        "cannot be true with origins ['*']: browsers refuse credentials for any origin",
      );
    }
  }
  if (credentials !== undefined && typeof credentials !== 'boolean') {
    push(`${path}.credentials`, `must be true or false, got ${JSON.stringify(credentials)}`);
  }
  if (
    maxAgeSeconds !== undefined &&
    (!Number.isInteger(maxAgeSeconds) || (maxAgeSeconds as number) < 0 || (maxAgeSeconds as number) > 86_400)
  ) {
    push(`${path}.maxAgeSeconds`, `must be an integer from 0 to 86400, got ${String(maxAgeSeconds)}`);
  }
  return errors;
}

/**
 * The CORS middleware of a policy (Hono's `cors`): preflights (`OPTIONS` with an `Origin`) are
 * answered 204 before any key is asked for, allowed origins get `Access-Control-Allow-Origin`
 * and `Vary: Origin`, and credentials are allowed only when the policy says so. A request
 * without `Origin` (not from a browser) passes untouched.
 */
export function corsPolicy(options: CorsOptions): MiddlewareHandler {
  const any = options.origins.includes('*');
  const handler = cors({
    origin: any ? '*' : options.origins,
    allowMethods: [...CORS_ALLOWED_METHODS],
    allowHeaders: [...CORS_ALLOWED_HEADERS],
    exposeHeaders: [...CORS_EXPOSED_HEADERS],
    maxAge: options.maxAgeSeconds ?? 600,
    credentials: options.credentials === true,
  });
  return function corsForBrowsers(c, next) {
    return c.req.header('origin') === undefined ? next() : handler(c, next);
  };
}
