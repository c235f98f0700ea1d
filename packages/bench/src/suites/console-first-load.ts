import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { createKernel, memoryStore } from '@rapport/core';
import { customers } from '@rapport/plugin-customers';
import { seedDemoCustomers } from '@rapport/plugin-customers/demo';
import { apiKeys, createApiKey, createServer, serveRapport } from '@rapport/server';
import { pino } from 'pino';
import { chromium } from 'playwright-core';

/** Debian's Chromium, which the end-to-end tests drive too. */
const CHROMIUM = '/usr/bin/chromium';

/** The scripts the console's `index.html` loads at once: its entry and the chunks it preloads. */
function initialScripts(html: string): string[] {
  const entry = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)].map((m) => m[1] as string);
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map(
    (m) => m[1] as string,
  );
  return [...new Set([...entry, ...preloads])];
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/**
 * The console's first load: the JavaScript `index.html` fetches at once (raw, gzip and brotli
 * bytes of the built `@rapport/console`), and the time from navigation to the first rows of a
 * customer list of `count` records in headless Chromium, cold cache each time (a fresh browser
 * context per load), against the API answering the same first page alone. Prints a report.
 */
export async function consoleFirstLoadSuite(options: { count: number; loads: number }): Promise<string> {
  const dist = join(dirname(createRequire(import.meta.url).resolve('@rapport/console/package.json')), 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = initialScripts(html).map((src) => readFileSync(join(dist, src.replace(/^\/console\//, ''))));
  const raw = files.reduce((sum, file) => sum + file.length, 0);
  const gzip = files.reduce((sum, file) => sum + gzipSync(file).length, 0);
  const brotli = files.reduce((sum, file) => sum + brotliCompressSync(file).length, 0);
  const lines = [
    `console first load — initial JavaScript in ${files.length} file(s): ${(raw / 1024).toFixed(1)} KB raw, ${(gzip / 1024).toFixed(1)} KB gzip, ${(brotli / 1024).toFixed(1)} KB brotli (budget 300 KB compressed)`,
  ];
  if (!existsSync(CHROMIUM))
    return [...lines, `list timing skipped: ${CHROMIUM} is not installed`].join('\n');

  const kernel = await createKernel({
    store: memoryStore(),
    plugins: [apiKeys(), customers()],
    logger: pino({ level: 'silent' }),
  });
  await kernel.start();
  const seeded = await seedDemoCustomers(kernel, { count: options.count, seed: 1, now: kernel.clock.now() });
  const key = (await createApiKey(kernel, { name: 'bench', roles: ['admin'] })).key;
  const server = await serveRapport(kernel, createServer(kernel, { logRequests: false }), {
    port: 0,
    hostname: '127.0.0.1',
    shutdownGraceMs: 500,
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const list: number[] = [];
  const api: number[] = [];
  try {
    for (let load = 0; load < options.loads + 1; load += 1) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      context.setDefaultTimeout(60_000);
      // The console's API-key sign-in, as if pasted on the sign-in page (kept for the tab).
      await context.addInitScript({
        content: `sessionStorage.setItem('rapport.console.apiKey', ${JSON.stringify(key)});`,
      });
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(`${server.url}/console/records/customers`);
      await page.locator('table[aria-label="Customers"] tbody tr a').first().waitFor();
      const ms = performance.now() - started;
      await context.close();
      const apiStarted = performance.now();
      const answer = await fetch(`${server.url}/api/customers?limit=100&sort=-createdAt`, {
        headers: { authorization: `Bearer ${key}` },
      });
      await answer.json();
      const apiMs = performance.now() - apiStarted;
      // The first load warms the server (JIT, caches) and is not counted.
      if (load > 0) {
        list.push(ms);
        api.push(apiMs);
      }
    }
  } finally {
    await browser.close();
    await server.stop();
    await kernel.stop();
  }
  lines.push(
    `customer list of ${seeded.customers.toLocaleString('en-US')} records, first rows shown: median ${median(list).toFixed(0)} ms, max ${Math.max(...list).toFixed(0)} ms over ${list.length} cold loads (goal < 1000 ms); baseline, the API's first page alone: median ${median(api).toFixed(1)} ms`,
  );
  return lines.join('\n');
}
