import { cpus } from 'node:os';
import { type Row, toMarkdown } from './report.js';
import { bscSuite } from './suites/bsc.js';
import { campaignsSuite } from './suites/campaigns.js';
import { consoleFirstLoadSuite } from './suites/console-first-load.js';
import { customersSuite } from './suites/customers.js';
import { futureValueSuite } from './suites/future-value.js';
import { hookSuite } from './suites/hooks.js';
import { httpSuite } from './suites/http.js';
import { lowdbHeapOptionsFromEnv, lowdbHeapSuite } from './suites/lowdb-heap.js';
import { loyaltySuite } from './suites/loyalty.js';
import { messagingSuite } from './suites/messaging.js';
import { observabilitySuite } from './suites/observability.js';
import { rateLimitSuite } from './suites/rate-limit.js';
import { repositorySuite } from './suites/repository.js';
import { lowdbSuite } from './suites/store-lowdb.js';
import { postgresSuite } from './suites/store-postgres.js';
import { ticketsSuite } from './suites/tickets.js';
import { webhooksSuite } from './suites/webhooks.js';

/**
 * Runs the suites named in `BENCH` (comma-separated; default `hooks,repository,ratelimit,lowdb,postgres,customers,http`;
 * `postgres` runs when `BENCH_DATABASE_URL` or `DATABASE_URL` names a server).
 * `BENCH_TIME_MS` sets the time per micro-benchmark (default 1000), `BENCH_HTTP_SECONDS` the
 * duration of each HTTP load (default 5), `BENCH_HTTP_ROUNDS` the alternating rounds per HTTP figure
 * (default 5), `BENCH_HTTP_METHODS` the HTTP loads (default GET,POST,LIST), `BENCH_HTTP_NODE_FLAGS` the
 * targets' Node flags (default `--max-semi-space-size=64`), `BENCH_SIZES` the record counts (default
 * 10000,100000), `BENCH_TICKETS` the open tickets of the `tickets` suite (default 100000),
 * `BENCH_LOYALTY_MEMBERS` and `BENCH_LOYALTY_LEDGER` the members and the long ledger of the
 * `loyalty` suite (default 10000 and 5000; on PostgreSQL when a URL is set, else memory),
 * `BENCH_WEBHOOKS` the deliveries per round of the `webhooks` suite (default 1000, 3 rounds),
 * `BENCH_CAMPAIGN_AUDIENCE` the audience of the `campaigns` suite (default 100000),
 * `BENCH_HTTP_STORE` the store of the HTTP target (`memory`, `lowdb:/tmp/dir-{size}` or
 * `postgres:<url>`).
 */
async function main(): Promise<void> {
  const suites = (process.env.BENCH ?? 'hooks,repository,ratelimit,lowdb,postgres,customers,http').split(',');
  const time = Number(process.env.BENCH_TIME_MS ?? 1_000);
  const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
  const rows: Row[] = [];
  if (suites.includes('hooks')) rows.push(...(await hookSuite(time)));
  if (suites.includes('repository')) rows.push(...(await repositorySuite(time, sizes[0] ?? 10_000)));
  if (suites.includes('ratelimit')) rows.push(...(await rateLimitSuite(time)));
  if (suites.includes('observability')) rows.push(...(await observabilitySuite(time)));
  if (suites.includes('lowdb')) rows.push(...(await lowdbSuite({ time, sizes })));
  if (suites.includes('lowdbheap')) console.log(await lowdbHeapSuite(lowdbHeapOptionsFromEnv(process.env)));
  if (suites.includes('console')) {
    const count = Number(process.env.BENCH_CONSOLE_CUSTOMERS ?? 10_000);
    console.log(await consoleFirstLoadSuite({ count, loads: Number(process.env.BENCH_CONSOLE_LOADS ?? 5) }));
  }
  const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (suites.includes('postgres') && url) {
    rows.push(...(await postgresSuite({ time, url, size: sizes[sizes.length - 1] ?? 100_000 })));
  }
  if (suites.includes('customers')) {
    rows.push(
      ...(await customersSuite({
        sizes: (process.env.BENCH_CUSTOMER_SIZES ?? '10000').split(',').map(Number),
      })),
    );
  }
  if (suites.includes('futurevalue')) rows.push(...(await futureValueSuite({ sizes })));
  if (suites.includes('messaging'))
    rows.push(...(await messagingSuite({ count: Number(process.env.BENCH_MESSAGES ?? 2_000) })));
  if (suites.includes('tickets'))
    rows.push(...(await ticketsSuite({ open: Number(process.env.BENCH_TICKETS ?? 100_000) })));
  if (suites.includes('loyalty')) {
    rows.push(
      ...(await loyaltySuite({
        time,
        members: Number(process.env.BENCH_LOYALTY_MEMBERS ?? 10_000),
        longLedger: Number(process.env.BENCH_LOYALTY_LEDGER ?? 5_000),
        ...(url ? { url } : {}),
      })),
    );
  }
  if (suites.includes('bsc')) rows.push(...(await bscSuite({ sizes })));
  if (suites.includes('webhooks'))
    rows.push(...(await webhooksSuite({ count: Number(process.env.BENCH_WEBHOOKS ?? 1_000), time })));
  if (suites.includes('campaigns'))
    rows.push(
      ...(await campaignsSuite({ audience: Number(process.env.BENCH_CAMPAIGN_AUDIENCE ?? 100_000) })),
    );
  if (suites.includes('http')) {
    rows.push(
      ...(await httpSuite({
        seconds: Number(process.env.BENCH_HTTP_SECONDS ?? 5),
        connections: Number(process.env.BENCH_HTTP_CONNECTIONS ?? 32),
        sizes,
        store: process.env.BENCH_HTTP_STORE ?? 'memory',
        rounds: Number(process.env.BENCH_HTTP_ROUNDS ?? 5),
        methods: (process.env.BENCH_HTTP_METHODS ?? 'GET,POST,LIST')
          .split(',')
          .map((method) => method.trim().toUpperCase())
          .filter((method): method is 'GET' | 'POST' | 'LIST' => ['GET', 'POST', 'LIST'].includes(method)),
      })),
    );
  }
  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  console.log(
    `Rapport benchmarks — ${new Date().toISOString()}, node ${process.version}, ${cpus().length}× ${cpu}\n`,
  );
  console.log(toMarkdown(rows));
}

await main();
