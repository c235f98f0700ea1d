import { AUDIT_SPEC, type Kernel } from '@rapport/core';
import { Hono } from 'hono';
import type { RapportEnv } from '../http/env.js';
import { type HeapWatchOptions, heapStatus } from '../http/heap-watch.js';
import { HttpProblem } from '../http/problem.js';
import { readMetricQuery } from '../query/metric-query.js';
import { type QueryStringLimits, queryParams, readFindQuery } from '../query/parse-query.js';

/**
 * `GET /healthz` (the process answers) and `GET /readyz` (the store answers, and how full the heap
 * is, with a warning near its limit): no key needed.
 */
export function healthRoutes(kernel: Kernel, heap: HeapWatchOptions = {}): Hono<RapportEnv> {
  const app = new Hono<RapportEnv>();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    if (kernel.state !== 'running') throw new HttpProblem('UNAVAILABLE', `the kernel is ${kernel.state}`);
    try {
      await kernel.store.ping();
    } catch (cause) {
      throw new HttpProblem('UNAVAILABLE', `the ${kernel.store.name} store does not answer`, { cause });
    }
    return c.json({ status: 'ready', store: kernel.store.name, heap: heapStatus(kernel, heap) });
  });
  return app;
}

/**
 * `GET /api/metrics`, `GET /api/metrics/:id?from=&to=&<parameters>` (computed as the caller) and
 * `GET /api/audit`.
 */
export function systemApiRoutes(query: QueryStringLimits): Hono<RapportEnv> {
  const app = new Hono<RapportEnv>();
  app.get('/metrics', (c) => {
    c.get('kernel').access.assert(c.get('actor'), 'metric', 'read');
    return c.json({ items: c.get('kernel').metrics.list() });
  });
  app.get('/metrics/:id', async (c) => {
    const kernel = c.get('kernel');
    const actor = c.get('actor');
    kernel.access.assert(actor, 'metric', 'read');
    const metric = kernel.metrics.describe(c.req.param('id'));
    const { period, params } = readMetricQuery(queryParams(c.req.url, query), metric, {
      now: kernel.clock.now(),
      timeZone: kernel.timeZone,
    });
    return c.json(await kernel.metrics.compute(metric.id, period, { actor, params }));
  });
  app.get('/audit', async (c) => {
    const find = readFindQuery(queryParams(c.req.url, query), AUDIT_SPEC.schema);
    return c.json(await c.get('kernel').audit(find, { actor: c.get('actor') }));
  });
  return app;
}
