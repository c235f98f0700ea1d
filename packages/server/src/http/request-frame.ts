import type { Kernel } from '@rapport/core';
import type { MiddlewareHandler } from 'hono';
import type { RequestRecorder } from '../metrics/request-metrics.js';
import type { RapportEnv } from './env.js';
import { lazyChildLogger } from './lazy-logger.js';
import { completeHeaders } from './response-headers.js';
import { endOfTurn } from './turn-batch.js';

const CALLER_REQUEST_ID = /^[\w\-=.:]{1,200}$/;

/**
 * The first middleware of every request: a request id (the caller's `X-Request-Id` when it is a
 * plain token, otherwise a new UUID), the kernel and a request-scoped logger on the context, the
 * API headers on the response, one log line per request when `logRequests` is on, and the
 * request's figures to `recordRequest` when metrics are on. With `batchResponses`, answers to
 * reads wait for the end of the event-loop turn (see {@link endOfTurn}).
 */
export function requestFrame(
  kernel: Kernel,
  options: { logRequests: boolean; batchResponses: boolean; recordRequest?: RequestRecorder | undefined },
): MiddlewareHandler<RapportEnv> {
  const { logRequests, batchResponses, recordRequest } = options;
  const timed = logRequests || recordRequest !== undefined;
  return async function frame(c, next) {
    const given = c.req.header('x-request-id');
    const requestId = given !== undefined && CALLER_REQUEST_ID.test(given) ? given : crypto.randomUUID();
    const logger = lazyChildLogger(kernel.logger, { requestId });
    c.set('requestId', requestId);
    c.set('kernel', kernel);
    c.set('logger', logger);
    const started = timed ? performance.now() : 0;
    await next();
    // Reads only: writes are answered in bursts by the store's group commit already, and another
    // turn would only add latency to them (measured ~5% fewer POSTs per second).
    if (batchResponses && (c.req.method === 'GET' || c.req.method === 'HEAD')) await endOfTurn();
    completeHeaders(c, requestId);
    const ms = timed ? performance.now() - started : 0;
    recordRequest?.(c, ms);
    if (logRequests) {
      logger.info(
        {
          method: c.req.method,
          path: c.get('logPath') ?? c.req.path,
          status: c.res.status,
          ms: Math.round(ms),
          actor: c.get('actor')?.id,
        },
        'request',
      );
    }
  };
}
