import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { median } from '../measure.js';
import type { Row } from '../report.js';
import type { WrkResult } from '../wrk/parse.js';
import { CORES, canPin, ensureWrk, pinned, runWrk } from '../wrk/wrk.js';

interface Target {
  port: number;
  /** The key POST writes with (an admin's). */
  key?: string;
  /** The key GET and LIST read with: a rep's, whose record rule narrows reads to their own customers. */
  readKey?: string;
  /** Ids the GET load cycles through: records the read key may see. */
  ids?: string[];
  /** CPU milliseconds the target process has used so far (user + system), when Linux says. */
  cpuMs(): number | undefined;
  stop(): Promise<void>;
}

/**
 * CPU milliseconds a process has used (user + system), from `/proc/<pid>/stat`; `undefined`
 * off Linux. The clock ticks are 10 ms, so over a load of seconds the figure is exact enough.
 */
function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime (fields 14, 15)
  } catch {
    return undefined;
  }
}

/**
 * Node flags of both targets: the young generation the docs recommend for a server (with a 660 MB
 * heap at 100k customers, V8's default 16 MB semi-space made scavenges 3× dearer and GC 8% of a
 * GET). `BENCH_HTTP_NODE_FLAGS=''` measures Node's defaults.
 */
const TARGET_NODE_FLAGS = (process.env.BENCH_HTTP_NODE_FLAGS ?? '--max-semi-space-size=64')
  .split(' ')
  .filter(Boolean);

const PIN = canPin(cpus().length);

async function startTarget(env: Record<string, string>): Promise<Target> {
  const script = fileURLToPath(new URL('../http/target.js', import.meta.url));
  const [command, args] = pinned(CORES.server, process.execPath, [...TARGET_NODE_FLAGS, script], PIN);
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    const message = JSON.parse(line) as {
      ready?: boolean;
      port: number;
      key?: string;
      readKey?: string;
      ids?: string[];
    };
    if (message.ready) {
      return {
        ...message,
        cpuMs: () => processCpuMs(child.pid),
        async stop() {
          child.kill('SIGTERM');
          await once(child, 'exit');
        },
      };
    }
  }
  throw new Error('benchmark target exited before it was ready');
}

/** One wrk load against a target: GET cycles through its ids, POST creates new people. */
async function load(
  target: Target,
  method: 'GET' | 'POST',
  seconds: number,
  connections: number,
): Promise<LoadResult> {
  const key = method === 'GET' ? (target.readKey ?? target.key) : target.key;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(key ? { authorization: `Bearer ${key}` } : {}),
  };
  return withServerCpu(target, () =>
    runWrk({
      url: `http://127.0.0.1:${target.port}`,
      method,
      headers,
      ids: target.ids ?? ['x'],
      // Unique e-mails across runs, so a store reused by an earlier run never answers 409.
      run: Date.now().toString(36),
      seconds,
      connections,
      pin: PIN,
    }),
  );
}

/**
 * Runs a load and adds the target's CPU time per request to its figures: the server's own cost
 * of an answer, which a core shared with other processes stretches far less than it stretches
 * latency and throughput.
 */
async function withServerCpu(target: Target, run: () => Promise<WrkResult>): Promise<LoadResult> {
  const before = target.cpuMs();
  const result: LoadResult = await run();
  const after = target.cpuMs();
  if (before === undefined || after === undefined || result.requests === 0) return result;
  return { ...result, serverCpuUs: ((after - before) * 1_000) / result.requests };
}

/** Headers of the server's answer a bare route repeats (not the per-connection ones). */
const PER_RESPONSE = new Set(['date', 'content-length', 'connection', 'keep-alive', 'transfer-encoding']);

/** The record and headers the server answers for one GET, for the bare route to answer the same. */
async function sampleAnswer(server: Target): Promise<{ record: string; headers: string }> {
  const response = await fetch(`http://127.0.0.1:${server.port}/api/customers/${server.ids?.[0]}`, {
    headers: { authorization: `Bearer ${server.readKey ?? server.key}` },
  });
  if (!response.ok) throw new Error(`sample GET answered ${response.status}`);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!PER_RESPONSE.has(name)) headers[name] = value;
  });
  return { record: await response.text(), headers: JSON.stringify(headers) };
}

/** A load's figures, with the server's CPU microseconds per request when they were measured. */
type LoadResult = WrkResult & { serverCpuUs?: number };

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
  const shares = results.flatMap((r) => (r.cpuShare === undefined ? [] : [r.cpuShare]));
  const serverCpu = results.flatMap((r) => (r.serverCpuUs === undefined ? [] : [r.serverCpuUs]));
  return {
    ...(serverCpu.length > 0 ? { serverCpuUs: median(serverCpu) } : {}),
    rps: median(results.map((r) => r.rps)),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    requests: results.reduce((sum, r) => sum + r.requests, 0),
    ...(shares.length > 0 ? { cpuShare: median(shares) } : {}),
  };
}

/** `wrk 34% of a core` — the evidence that the client is not the bottleneck. */
const client = (r: LoadResult) =>
  `${r.cpuShare === undefined ? 'wrk CPU unknown' : `wrk ${(r.cpuShare * 100).toFixed(0)}% of its core`}${
    r.serverCpuUs === undefined ? '' : `; server ${r.serverCpuUs.toFixed(0)} µs CPU/request`
  }`;

interface HttpSuiteOptions {
  seconds: number;
  connections: number;
  sizes: number[];
  store: string;
  /** Alternating rounds of baseline and target per figure; the medians are reported. */
  rounds: number;
  /** Which loads to run: GET and POST against baselines, LIST a list page on an indexed filter. */
  methods: ReadonlyArray<'GET' | 'POST' | 'LIST'>;
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
 * The list page measured: an indexed filter (`ownerId`), newest first, 50 a page, read by the
 * rep who owns those customers (their record rule adds `ownerId = owner-03` too).
 */
export const LIST_PATH = '/api/customers?where[ownerId]=owner-03&sort=-createdAt&limit=50';

/** `rounds` loads of the list page on one server; the medians (no bare baseline: the goal is a p99). */
async function listRounds(
  startServer: () => Promise<Target>,
  options: HttpSuiteOptions,
): Promise<LoadResult> {
  const server = await startServer();
  try {
    const auth = { authorization: `Bearer ${server.readKey ?? server.key}` };
    const check = await fetch(`http://127.0.0.1:${server.port}${LIST_PATH}`, { headers: auth });
    const page = (await check.json()) as { items?: unknown[] };
    if (!check.ok || !page.items?.length) throw new Error(`list page answered ${check.status} with no items`);
    const loadList = (seconds: number) =>
      withServerCpu(server, () =>
        runWrk({
          url: `http://127.0.0.1:${server.port}`,
          method: 'GET',
          headers: auth,
          paths: [LIST_PATH],
          seconds,
          connections: options.connections,
          pin: PIN,
        }),
      );
    await loadList(1);
    const runs: LoadResult[] = [];
    for (let round = 0; round < options.rounds; round += 1) runs.push(await loadList(options.seconds));
    return summarize(runs);
  } finally {
    await server.stop();
  }
}

/**
 * GET /api/customers/:id and POST /api/customers through the whole server (API key auth, rate
 * limits, validation, hooks, audit) against bare Hono routes doing the same work, measured in the
 * same run: the server pinned to one core, wrk to the other.
 */
export async function httpSuite(options: HttpSuiteOptions): Promise<Row[]> {
  ensureWrk();
  const rows: Row[] = [];
  const journals = mkdtempSync(join(tmpdir(), 'rapport-bare-journal-'));
  try {
    for (const size of options.sizes) {
      const store = options.store.replace('{size}', String(size));
      const startServer = () => startTarget({ TARGET: 'rapport', STORE: store, SIZE: String(size) });
      const probe = await startServer();
      const sample = await sampleAnswer(probe).finally(() => probe.stop());
      const postgresUrl = store.startsWith('postgres:') ? store.slice('postgres:'.length) : undefined;
      // The bare route cycles through the same ids (for PostgreSQL it reads the same rows).
      const bare: Target = {
        ...(await startTarget({
          TARGET: 'bare',
          SIZE: String(size),
          BARE_RECORD: sample.record,
          BARE_HEADERS: sample.headers,
          BARE_JOURNAL: join(journals, `journal-${size}.jsonl`),
          ...(postgresUrl ? { BARE_PG_URL: postgresUrl } : {}),
        })),
        ...(probe.ids ? { ids: probe.ids } : {}),
      };
      const baseWork = postgresUrl
        ? {
            GET: 'bare Hono route running the same pg query',
            POST: 'bare Hono route running the same pg insert (synchronous_commit on)',
          }
        : {
            GET: 'bare Hono route, same record and headers',
            POST: 'bare Hono route appending the body to a group-fdatasync journal',
          };
      try {
        await load(bare, 'GET', 1, options.connections);
        await load(bare, 'POST', 1, options.connections);
        const label = `${options.store.split(':')[0]} @${size.toLocaleString('en-US')}`;
        const rounds = `median of ${options.rounds}`;
        const figures = (method: 'GET' | 'POST', name: string, baseline: string, measured: Paired): Row[] => {
          const suite = `HTTP ${method} ${label}`;
          const spread = `${fmtRatio(Math.min(...measured.ratios))}–${fmtRatio(Math.max(...measured.ratios))}`;
          return [
            row(suite, `baseline: ${baseline} (${rounds}; ${client(measured.bare)})`, measured.bare),
            {
              ...row(
                suite,
                `${name} (${rounds}; paired ratios ${spread}; ${client(measured.ours)})`,
                measured.ours,
              ),
              ratio: median(measured.ratios),
            },
          ];
        };
        if (options.methods.includes('GET')) {
          const get = await alternate(bare, 'GET', startServer, options);
          rows.push(
            ...figures(
              'GET',
              'GET /api/customers/:id, auth + rate limits + record rule on',
              baseWork.GET,
              get,
            ),
          );
        }
        if (options.methods.includes('LIST')) {
          const list = await listRounds(startServer, options);
          rows.push(
            row(
              `HTTP LIST ${label}`,
              `GET ${LIST_PATH} (median of ${options.rounds}; ${client(list)})`,
              list,
            ),
          );
        }
        if (options.methods.includes('POST')) {
          const post = await alternate(bare, 'POST', startServer, options);
          rows.push(
            ...figures(
              'POST',
              'POST /api/customers: auth, rate limits, identity, validation, hooks, audit, durable',
              baseWork.POST,
              post,
            ),
          );
        }
      } finally {
        await bare.stop();
      }
    }
  } finally {
    rmSync(journals, { recursive: true, force: true });
  }
  return rows;
}
