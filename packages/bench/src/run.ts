import { cpus } from 'node:os';
import { toMarkdown } from './report.js';
import { hookSuite } from './suites/hooks.js';
import { repositorySuite } from './suites/repository.js';

/** Runs every suite; `BENCH_TIME_MS` sets the time per benchmark (default 1000). */
async function main(): Promise<void> {
  const time = Number(process.env.BENCH_TIME_MS ?? 1_000);
  const started = new Date().toISOString();
  const rows = [...(await hookSuite(time)), ...(await repositorySuite(time, 10_000))];
  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  console.log(`Rapport benchmarks — ${started}, node ${process.version}, ${cpus().length}× ${cpu}\n`);
  console.log(toMarkdown(rows));
}

await main();
