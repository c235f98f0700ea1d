import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { median } from '../measure.js';
import type { Row } from '../report.js';

interface Target {
  port: number;
  key?: string;
  ids?: string[];
  stop(): Promise<void>;
}

/**
 * Node flags of both targets: the young generation the docs recommend for a server (with a 660 MB
 * heap at 100k customers, V8's default 16 MB semi-space made scavenges 3× dearer and GC 8% of a
 * GET). `BENCH_HTTP_NODE_FLAGS=''` measures Node's defaults.
 */
const TARGET_NODE_FLAGS = (process.env.BENCH_HTTP_NODE_FLAGS ?? '--max-semi-space-size=64')
  .split(' ')
  .filter(Boolean);

async function startTarget(env: Record<string, string>): Promise<Target> {
  const script = fileURLToPath(new URL('../http/target.js', import.meta.url));
  const child = spawn(process.execPath, [...TARGET_NODE_FLAGS, script], {
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
): Promise<LoadResult> {
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

type LoadResult = { rps: number; p99: number; errors: number };

/** Medians of the baseline's and the server's rounds, and each round's ratio of the two. */
type Paired = { bare: LoadResult; ours: LoadResult; ratios: number[] };

function row(suite: string, name: string, r: LoadResult): Row {
  return {
    suite,
    name: r.errors > 0 ? `${name} (${r.errors} errors)` : name,
    opsPerSec: r.rps,
    meanUs: Number.NaN,
    p99Us: r.p99 * 1_000,
    samples: 0,
  };
}

const fmtRatio = (ratio: number) => `${ratio.toFixed(2)}×`;

function summarize(results: LoadResult[]): LoadResult {
  return {
    rps: median(results.map((r) => r.rps)),
    p99: median(results.map((r) => r.p99)),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
  };
}

interface HttpSuiteOptions {
  seconds: number;
  connections: number;
  sizes: number[];
  store: string;
  /** Alternating rounds of baseline and target per figure; the medians are reported. */
  rounds: number;
  /** Which loads to run (both by default). */
  methods: ReadonlyArray<'GET' | 'POST'>;
}

/**
 * Alternates the bare route and the Rapport server, `rounds` times each, and reports the
 * medians, so a burst of load from elsewhere on a shared machine cannot decide a ratio. Each
 * POST round starts a fresh server on a fresh copy of the preloaded folder, so every figure is
 * taken at the stated record count.
 */
async function alternate(
  bare: Target,
  method: 'GET' | 'POST',
  startServer: () => Promise<Target>,
  options: HttpSuiteOptions,
): Promise<Paired> {
  const bareRuns: LoadResult[] = [];
  const ourRuns: LoadResult[] = [];
  let server = await startServer();
  try {
    for (let round = 0; round < options.rounds; round += 1) {
      if (method === 'POST' && round > 0) {
        await server.stop();
        server = await startServer();
      }
      // JIT warm-up of every fresh server, not measured (for POST it adds about a second's
      // worth of records to the starting count).
      if (round === 0 || method === 'POST') await load(server, method, 1, options.connections);
      bareRuns.push(await load(bare, method, options.seconds, options.connections));
      ourRuns.push(await load(server, method, options.seconds, options.connections));
    }
  } finally {
    await server.stop();
  }
  const ratios = ourRuns.map((ours, i) => ours.rps / (bareRuns[i] as LoadResult).rps);
  return { bare: summarize(bareRuns), ours: summarize(ourRuns), ratios };
}

/**
 * GET /api/customers/:id and POST /api/customers through the whole server (API key auth,
 * validation, hooks, audit) against a bare Hono route measured in the same run; the server runs
 * in its own process and autocannon in this one.
 */
export async function httpSuite(options: HttpSuiteOptions): Promise<Row[]> {
  const rows: Row[] = [];
  const bare = await startTarget({ TARGET: 'bare' });
  try {
    await load(bare, 'GET', 1, options.connections);
    await load(bare, 'POST', 1, options.connections);
    for (const size of options.sizes) {
      const store = options.store.replace('{size}', String(size));
      const startServer = () => startTarget({ TARGET: 'rapport', STORE: store, SIZE: String(size) });
      const label = `${options.store.split(':')[0]} @${size.toLocaleString('en-US')}`;
      const rounds = `median of ${options.rounds}`;
      const figures = (method: 'GET' | 'POST', name: string, measured: Paired): Row[] => {
        const suite = `HTTP ${method} ${label}`;
        const spread = `${fmtRatio(Math.min(...measured.ratios))}–${fmtRatio(Math.max(...measured.ratios))}`;
        return [
          row(suite, `baseline: bare Hono route (${rounds})`, measured.bare),
          {
            ...row(suite, `${name} (${rounds}; ratio = median of paired rounds, ${spread})`, measured.ours),
            ratio: median(measured.ratios),
          },
        ];
      };
      if (options.methods.includes('GET')) {
        const get = await alternate(bare, 'GET', startServer, options);
        rows.push(...figures('GET', 'GET /api/customers/:id, auth on', get));
      }
      if (options.methods.includes('POST')) {
        const post = await alternate(bare, 'POST', startServer, options);
        rows.push(
          ...figures('POST', 'POST /api/customers: auth, identity, validation, audit, durable', post),
        );
      }
    }
  } finally {
    await bare.stop();
  }
  return rows;
}
