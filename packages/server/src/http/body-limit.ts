import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Refuses request bodies over `maxBytes` with `onTooLarge`'s response (413). A body announced
 * with `Content-Length` is judged by that header alone (Node's parser never reads past it), so
 * the request is never copied into a web `Request`; only chunked bodies are counted as they
 * stream, by Hono's `bodyLimit`. Methods without a body pass untouched.
 */
export function limitBody(maxBytes: number, onTooLarge: (c: Context) => Response): MiddlewareHandler {
  const streamed = bodyLimit({ maxSize: maxBytes, onError: onTooLarge });
  // Not `async`: a GET passes straight through without an extra promise.
  return function limitRequestBody(c, next) {
    if (!BODY_METHODS.has(c.req.method)) return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number(length) > maxBytes ? Promise.resolve(onTooLarge(c)) : next();
    }
    return streamed(c, next);
  };
}
