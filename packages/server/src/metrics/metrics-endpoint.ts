import { createHash, timingSafeEqual } from 'node:crypto';
import type { Kernel } from '@rapport/core';
import type { Context } from 'hono';
import type { RapportEnv } from '../http/env.js';
import { problemOf, sendProblem } from '../http/problem.js';

/** Shortest metrics token accepted: a guessable one would open the figures to anyone. */
export const MIN_METRICS_TOKEN_LENGTH = 16;

/** The `metrics` option of `createServer`. */
export interface MetricsOptions {
  /**
   * The bearer token a scraper sends (`Authorization: Bearer <token>`), 16 characters or more.
   * Default: `RAPPORT_METRICS_TOKEN`. Without one `GET /metrics` answers 404: the endpoint is off.
   */
  token?: string;
}

/** Problems with the `metrics` option, each naming the field and the rule. */
export function metricsOptionProblems(
  option: false | MetricsOptions | undefined,
): Array<{ path: string; message: string; rule: string }> {
  const token = option === false ? undefined : option?.token;
  if (token === undefined || token.length >= MIN_METRICS_TOKEN_LENGTH) return [];
  return [
    {
      path: 'metrics.token',
      message: `must be at least ${MIN_METRICS_TOKEN_LENGTH} characters (got ${token.length})`,
      rule: 'minLength',
    },
  ];
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * `GET /metrics`: the kernel's Prometheus registry in the text exposition format, for a caller
 * that sends the metrics token as a bearer token. The token is compared in constant time (as
 * SHA-256 digests, so its length does not leak either); a missing or wrong one is a 401 problem
 * with `WWW-Authenticate: Bearer`. API keys and sessions do not open it: the scraper's
 * credential opens nothing else.
 */
export function metricsEndpoint(kernel: Kernel, token: string) {
  const expected = digest(token);
  return async (c: Context<RapportEnv>) => {
    const given = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      const detail = 'GET /metrics needs the metrics token as "Authorization: Bearer <token>"';
      return sendProblem(c, problemOf(401, 'UNAUTHENTICATED', detail, { instance: c.req.path }), {
        'www-authenticate': 'Bearer realm="metrics"',
      });
    }
    const { registry } = kernel.telemetry;
    return c.body(await registry.metrics(), 200, {
      'Content-Type': registry.contentType,
      'Cache-Control': 'no-store',
    });
  };
}
