import { getRequestListener } from '@hono/node-server';
import { createKernel, memoryStore } from '@rapport/core';
import {
  apiKeys,
  createApiKey,
  createServer,
  type RateDecision,
  RateLimiter,
  setRateLimitHeaders,
} from '@rapport/server';
import { pino } from 'pino';
import { Bench } from 'tinybench';
import { benchCustomer, benchCustomers } from '../fixtures/bench-entity.js';
import { type Row, rowsOf } from '../report.js';

const KEYS = 1_000;
/** A limit no run reaches, so every request is allowed and the limiter does its full work. */
const UNREACHED = { limit: 1_000_000_000, windowMs: 60_000, burst: 1_000_000_000 };

/**
 * The cost of the per-key rate limit on the hot path. First the limiter alone (one decision and
 * its headers, over 1,000 keys) beside the two map operations it cannot do without; then
 * `GET /customers/:id` in process (`app.request` with the Node adapter's Request and Response,
 * no socket) by a limited key, beside the same server with `rateLimit: false`.
 */
export async function rateLimitSuite(time: number): Promise<Row[]> {
  const options = { time, warmupTime: Math.min(200, time / 4) };
  const keys = Array.from({ length: KEYS }, (_, i) => `key${i}`);
  const limiter = new RateLimiter(UNREACHED);
  const bare = new Map<string, number>();
  let n = 0;
  let sink = 0;
  const decide = new Bench(options)
    .add('baseline: Map.get + Map.set of the key', () => {
      const key = keys[n++ % KEYS] as string;
      bare.set(key, (bare.get(key) ?? 0) + 1);
    })
    .add('RateLimiter.take', () => {
      sink += limiter.take(keys[n++ % KEYS] as string, Date.now()).remaining;
    })
    .add('RateLimiter.take + setRateLimitHeaders', () => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const decision: RateDecision = limiter.take(keys[n++ % KEYS] as string, Date.now());
      setRateLimitHeaders(headers, decision);
      sink += headers['ratelimit-remaining']?.length ?? 0;
    });
  await decide.run();

  const kernel = await createKernel({
    store: memoryStore(),
    plugins: [apiKeys(), benchCustomers()],
    logger: pino({ level: 'silent' }),
    jobs: { timer: false },
  });
  await kernel.start();
  const { key } = await createApiKey(kernel, { name: 'bench', roles: ['viewer'] });
  const admin = kernel.data('customer', { actor: { id: 'bench', kind: 'user', roles: ['admin'] } });
  const { id } = await admin.create(benchCustomer(1));
  const server = (rateLimit: false | typeof UNREACHED) =>
    createServer(kernel, { logRequests: false, batchResponses: false, docs: false, rateLimit });
  const unlimited = server(false);
  const limited = server(UNREACHED);
  const init = { headers: { authorization: `Bearer ${key}` } };
  const path = `/api/customers/${id}`;
  if (!(await limited.request(path, init)).headers.has('ratelimit-remaining')) {
    throw new Error('the limited server sent no RateLimit headers');
  }
  // The Node adapter's light Request and Response, as `serveRapport` runs the app: a response
  // built from a plain header object is written without a Headers instance.
  getRequestListener(limited.fetch);
  const request = new Bench(options)
    .add('baseline: GET /api/customers/:id, rateLimit: false', async () => {
      if ((await unlimited.request(path, init)).status !== 200) throw new Error('GET failed');
    })
    .add('GET /api/customers/:id by a limited key', async () => {
      if ((await limited.request(path, init)).status !== 200) throw new Error('GET failed');
    });
  await request.run();
  await kernel.stop();
  if (sink < 0) console.log(sink);
  return [...rowsOf('rate limit decision', decide), ...rowsOf('rate limit, GET in process', request)];
}
