import { getRequestListener } from '@hono/node-server';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, NoopSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createKernel, type Kernel, memoryStore, type TelemetryOptions } from '@rapport/core';
import { apiKeys, createApiKey, createServer } from '@rapport/server';
import { pino } from 'pino';
import { Bench } from 'tinybench';
import { benchCustomer, benchCustomers } from '../fixtures/bench-entity.js';
import { type Row, rowsOf } from '../report.js';

const TOKEN = 'bench-metrics-token-0123456789';

async function bootKernel(
  telemetry?: TelemetryOptions,
): Promise<{ kernel: Kernel; key: string; id: string }> {
  const kernel = await createKernel({
    store: memoryStore(),
    plugins: [apiKeys(), benchCustomers()],
    logger: pino({ level: 'silent' }),
    jobs: { timer: false },
    ...(telemetry ? { telemetry } : {}),
  });
  await kernel.start();
  const { key } = await createApiKey(kernel, { name: 'bench', roles: ['viewer'] });
  const admin = kernel.data('customer', { actor: { id: 'bench', kind: 'user', roles: ['admin'] } });
  const { id } = await admin.create(benchCustomer(1));
  return { kernel, key, id };
}

/**
 * The cost of operational telemetry on the hot path: `GET /api/customers/:id` in process
 * (`app.request` with the Node adapter's Request and Response, no socket). The baseline is the
 * server with `metrics: false` (no request counter or histogram; the kernel's store timings stay
 * on in every row); then the default (request metrics by route pattern and status); then tracing
 * on, with an SDK tracer that records every span and exports none and the async context
 * manager an SDK registers. Finally one scrape of `GET /metrics` after the load.
 */
export async function observabilitySuite(time: number): Promise<Row[]> {
  const options = { time, warmupTime: Math.min(200, time / 4) };
  const plain = await bootKernel();
  const server = (metrics: false | { token: string }) =>
    createServer(plain.kernel, {
      logRequests: false,
      batchResponses: false,
      docs: false,
      rateLimit: false,
      metrics,
    });
  const bare = server(false);
  const measured = server({ token: TOKEN });
  const init = { headers: { authorization: `Bearer ${plain.key}` } };
  const path = `/api/customers/${plain.id}`;
  getRequestListener(measured.fetch);
  const get = (app: typeof bare, p: string, i: RequestInit) => async () => {
    if ((await app.request(p, i)).status !== 200) throw new Error(`GET ${p} failed`);
  };

  const provider = new BasicTracerProvider({ spanProcessors: [new NoopSpanProcessor()] });
  const traced = await bootKernel({ tracing: provider.getTracer('bench') });
  const tracedApp = createServer(traced.kernel, {
    logRequests: false,
    batchResponses: false,
    docs: false,
    rateLimit: false,
  });
  const tracedInit = { headers: { authorization: `Bearer ${traced.key}` } };
  const contextManager = new AsyncLocalStorageContextManager();

  const requests = new Bench(options)
    .add('baseline: GET /api/customers/:id, metrics: false', get(bare, path, init))
    .add('GET /api/customers/:id with request metrics (the default)', get(measured, path, init))
    .add(
      'GET /api/customers/:id with metrics and tracing (spans recorded, not exported)',
      get(tracedApp, `/api/customers/${traced.id}`, tracedInit),
      {
        beforeAll: () => void context.setGlobalContextManager(contextManager.enable()),
        afterAll: () => context.disable(),
      },
    );
  await requests.run();
  const scrape = new Bench({ ...options, time: Math.min(time, 500) }).add(
    'GET /metrics (scrape after the load)',
    get(measured, '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } }),
  );
  await scrape.run();
  await Promise.all([plain.kernel.stop(), traced.kernel.stop(), provider.shutdown()]);
  return [...rowsOf('observability, GET in process', requests), ...rowsOf('observability, scrape', scrape)];
}
