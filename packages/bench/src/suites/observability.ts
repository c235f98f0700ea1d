import { getRequestListener } from '@hono/node-server';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, NoopSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createKernel, type Kernel, memoryStore, type TelemetryOptions } from '@rapport/core';
import { apiKeys, createApiKey, createServer } from '@rapport/server';
import { pino } from 'pino';
import { Bench } from 'tinybench';
import { benchCustomer, benchCustomers } from '../fixtures/bench-entity.js';
import { median } from '../measure.js';
import { type Row, rowsOf } from '../report.js';

/** Alternating rounds per figure. */
const ROUNDS = Number(process.env.BENCH_OBSERVABILITY_ROUNDS ?? 7);

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

  // Figures are CPU time of this process per request (user + system), which load from elsewhere
  // on this shared machine stretches far less than wall time. The variants take turns in blocks,
  // each in every position in turn; each row is the median round, its ratio the median of the
  // per-round ratios to the baseline.
  const variants: Array<{ name: string; op: () => Promise<void>; traced?: boolean }> = [
    { name: 'baseline: GET /api/customers/:id, metrics: false', op: get(bare, path, init) },
    { name: 'GET /api/customers/:id with request metrics (the default)', op: get(measured, path, init) },
    {
      name: 'GET /api/customers/:id with metrics and tracing (spans recorded, not exported)',
      op: get(tracedApp, `/api/customers/${traced.id}`, tracedInit),
      traced: true,
    },
  ];
  const perBlock = Math.max(500, Math.round((time * 1_000) / ROUNDS / 60 / variants.length));
  const rounds: number[][] = variants.map(() => []);
  for (let round = -1; round < ROUNDS; round += 1) {
    for (let k = 0; k < variants.length; k += 1) {
      const i = (Math.max(round, 0) + k) % variants.length;
      const variant = variants[i] as (typeof variants)[number];
      // An SDK's context manager only while traced requests run: enabled, it taxes every promise.
      if (variant.traced) context.setGlobalContextManager(contextManager.enable());
      const before = process.cpuUsage();
      for (let n = 0; n < perBlock; n += 1) await variant.op();
      const used = process.cpuUsage(before);
      if (variant.traced) context.disable();
      if (round >= 0) rounds[i]?.push((used.user + used.system) / perBlock);
    }
  }
  const baseline = rounds[0] ?? [];
  const requestRows: Row[] = variants.map((variant, i) => {
    const meanUs = rounds[i] ?? [];
    return {
      suite: 'observability, GET in process (CPU µs per request)',
      name: variant.name,
      opsPerSec: 1e6 / median(meanUs),
      meanUs: median(meanUs),
      p99Us: Number.NaN,
      samples: perBlock * ROUNDS,
      ratio: median(meanUs.map((us, r) => (baseline[r] ?? us) / us)),
    };
  });
  const scrape = new Bench({ ...options, time: Math.min(time, 500) }).add(
    'GET /metrics (scrape after the load)',
    get(measured, '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } }),
  );
  await scrape.run();
  await Promise.all([plain.kernel.stop(), traced.kernel.stop(), provider.shutdown()]);
  return [...requestRows, ...rowsOf('observability, scrape', scrape)];
}
