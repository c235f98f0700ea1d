import { SpanStatusCode } from '@opentelemetry/api';
import type { HotSeries, Kernel } from '@rapport/core';
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { RapportEnv } from '../http/env.js';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Request latency buckets in seconds: 1 ms to 10 s. */
const REQUEST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Records one finished request: its context and how long it took in milliseconds. */
export type RequestRecorder = (c: Context<RapportEnv>, elapsedMs: number) => void;

/**
 * Counts and times requests by method, route pattern and status into the kernel's telemetry:
 * `rapport_http_requests_total` and `rapport_http_request_duration_seconds`. The route is the
 * pattern that matched (`/api/customers/:id`), never the raw path, so the number of series stays
 * bounded: a path no route knows is labelled with the wildcard that caught it (`/api/*`, `/*`),
 * and a method outside the standard ones as `OTHER`. The request frame calls it once a request is
 * answered (one middleware fewer on every request than a metrics middleware of its own).
 */
export function requestRecorder(kernel: Kernel): RequestRecorder {
  const seconds = kernel.telemetry.hotHistogram({
    name: 'rapport_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status, in seconds.',
    buckets: REQUEST_BUCKETS,
    countedAs: {
      name: 'rapport_http_requests_total',
      help: 'HTTP requests by method, route pattern and status.',
    },
  });
  // One series per method, route and status, bound on first use.
  const series = new Map<string, HotSeries>();
  return (c, elapsedMs) => {
    const method = methodOf(c.req.method);
    const route = routeOf(c);
    const status = c.res.status;
    const key = `${method} ${status} ${route}`;
    let found = series.get(key);
    if (!found) {
      found = seconds.series({ method, route, status: String(status) });
      series.set(key, found);
    }
    found.observe(elapsedMs / 1_000);
  };
}

/**
 * With tracing on, runs each request in a server span named `<METHOD> <route>` (attributes
 * `http.request.method`, `url.path`, `http.route`, `http.response.status_code`), the parent of
 * the repository, store and event-handler spans under it; `undefined` when tracing is off.
 */
export function requestSpans(kernel: Kernel): MiddlewareHandler<RapportEnv> | undefined {
  const { telemetry } = kernel;
  if (!telemetry.tracer) return undefined;
  return async function traceRequest(c, next) {
    const method = methodOf(c.req.method);
    await telemetry.span(method, { 'http.request.method': method, 'url.path': c.req.path }, async (span) => {
      try {
        await next();
      } finally {
        const route = routeOf(c);
        const status = c.res.status;
        span?.updateName(`${method} ${route}`);
        span?.setAttributes({ 'http.route': route, 'http.response.status_code': status });
        if (status >= 500) span?.setStatus({ code: SpanStatusCode.ERROR });
      }
    });
  };
}

/** The most specific route pattern that matched (a wildcard for a path no route knows). */
function routeOf(c: Context): string {
  return routePath(c, -1) || '*';
}

function methodOf(method: string): string {
  return METHODS.has(method) ? method : 'OTHER';
}
