import { SpanStatusCode } from '@opentelemetry/api';
import type { Kernel } from '@rapport/core';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { RapportEnv } from '../http/env.js';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Request latency buckets in seconds: 1 ms to 10 s. */
const REQUEST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Counts and times every request by method, route pattern and status, into the kernel's
 * telemetry: `rapport_http_requests_total` and `rapport_http_request_duration_seconds`. The
 * route is the pattern that matched (`/api/customers/:id`), never the raw path, so the number
 * of series stays bounded: a path no route knows is labelled with the wildcard that caught it
 * (`/api/*`, `*`), and a method outside the standard ones as `OTHER`. With tracing on, each
 * request runs in a server span named `<METHOD> <route>`, the parent of the repository, store
 * and event-handler spans under it.
 */
export function requestMetrics(kernel: Kernel): MiddlewareHandler<RapportEnv> {
  const { telemetry } = kernel;
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = telemetry.counter({
    name: 'rapport_http_requests_total',
    help: 'HTTP requests by method, route pattern and status.',
    labelNames,
  });
  const seconds = telemetry.histogram({
    name: 'rapport_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status, in seconds.',
    labelNames,
    buckets: REQUEST_BUCKETS,
  });
  // One pair of bound series per method, route and status: labelling each observation would
  // hash its labels on every request.
  const series = new Map<string, { count: { inc(): void }; time: { observe(value: number): void } }>();
  const record = (method: string, route: string, status: number, elapsed: number) => {
    const key = `${method} ${status} ${route}`;
    let found = series.get(key);
    if (!found) {
      const labels = { method, route, status: String(status) };
      found = { count: requests.labels(labels), time: seconds.labels(labels) };
      series.set(key, found);
    }
    found.count.inc();
    found.time.observe(elapsed / 1_000);
  };

  if (!telemetry.tracer) {
    return async function measure(c, next) {
      const began = performance.now();
      try {
        await next();
      } finally {
        record(methodOf(c.req.method), routePath(c, -1) || '*', c.res.status, performance.now() - began);
      }
    };
  }
  return async function measureAndTrace(c, next) {
    const began = performance.now();
    const method = methodOf(c.req.method);
    await telemetry.span(
      `${method}`,
      { 'http.request.method': method, 'url.path': c.req.path },
      async (span) => {
        try {
          await next();
        } finally {
          const route = routePath(c, -1) || '*';
          const status = c.res.status;
          span?.updateName(`${method} ${route}`);
          span?.setAttributes({ 'http.route': route, 'http.response.status_code': status });
          if (status >= 500) span?.setStatus({ code: SpanStatusCode.ERROR });
          record(method, route, status, performance.now() - began);
        }
      },
    );
  };
}

function methodOf(method: string): string {
  return METHODS.has(method) ? method : 'OTHER';
}
