import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { Row } from '../report.js';

interface Target {
  port: number;
  key?: string;
  ids?: string[];
  stop(): Promise<void>;
}

async function startTarget(env: Record<string, string>): Promise<Target> {
  const script = fileURLToPath(new URL('../http/target.js', import.meta.url));
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    const message = JSON.parse(line) as { ready?: boolean; port: number; key?: string; ids?: string[] };
    if (message.ready) {
      return {
        ...message,
        async stop() {
          child.kill('SIGTERM');
          await once(child, 'exit');
        },
      };
    }
  }
  throw new Error('benchmark target exited before it was ready');
}

async function load(
  target: Target,
  method: 'GET' | 'POST',
  seconds: number,
  connections: number,
): Promise<{ rps: number; p99: number; errors: number }> {
  let n = 0;
  // Unique e-mails across runs, so a store reused by an earlier run never answers 409.
  const run = Date.now().toString(36);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(target.key ? { authorization: `Bearer ${target.key}` } : {}),
  };
  const ids = target.ids ?? ['x'];
  const result = await autocannon({
    url: `http://127.0.0.1:${target.port}`,
    connections,
    duration: seconds,
    requests: [
      method === 'GET'
        ? {
            method,
            headers,
            setupRequest: (req) => ({ ...req, path: `/api/customers/${ids[n++ % ids.length]}` }),
          }
        : {
            method,
            headers,
            path: '/api/customers',
            setupRequest: (req) => ({
              ...req,
              body: JSON.stringify({
                kind: 'person',
                name: `Load ${n++}`,
                email: `load.${run}.${n}@example.com`,
              }),
            }),
          },
    ],
  });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/**
 * GET /api/customers/:id and POST /api/customers through the whole server (API key auth,
 * validation, hooks, audit) against a bare Hono route measured in the same run; the server runs
 * in its own process and autocannon in this one.
 */
export async function httpSuite(options: {
  seconds: number;
  connections: number;
  sizes: number[];
  store: string;
}): Promise<Row[]> {
  const rows: Row[] = [];
  const bare = await startTarget({ TARGET: 'bare' });
  try {
    for (const size of options.sizes) {
      const store = options.store.replace('{size}', String(size));
      const target = await startTarget({ TARGET: 'rapport', STORE: store, SIZE: String(size) });
      // The baseline is measured right before each figure, so load from elsewhere on a shared
      // machine hits both alike.
      const bareGet = await load(bare, 'GET', options.seconds, options.connections);
      const get = await load(target, 'GET', options.seconds, options.connections);
      const barePost = await load(bare, 'POST', options.seconds, options.connections);
      const post = await load(target, 'POST', options.seconds, options.connections);
      await target.stop();
      const label = `${options.store.split(':')[0]} @${size.toLocaleString('en-US')}`;
      const row = (suite: string, name: string, r: { rps: number; p99: number; errors: number }): Row => ({
        suite,
        name: r.errors > 0 ? `${name} (${r.errors} errors)` : name,
        opsPerSec: r.rps,
        meanUs: Number.NaN,
        p99Us: r.p99 * 1_000,
        samples: 0,
      });
      rows.push(
        row(`HTTP GET ${label}`, 'baseline: bare Hono route', bareGet),
        row(`HTTP GET ${label}`, 'GET /api/customers/:id (auth on)', get),
      );
      rows.push(
        row(`HTTP POST ${label}`, 'baseline: bare Hono route', barePost),
        row(
          `HTTP POST ${label}`,
          'POST /api/customers (auth, identity checks, validation, audit, durable)',
          post,
        ),
      );
    }
  } finally {
    await bare.stop();
  }
  return rows;
}
