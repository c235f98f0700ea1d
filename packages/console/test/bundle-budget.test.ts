// @vitest-environment node
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

/** The most compressed JavaScript the first load of the console may fetch. */
const BUDGET_BYTES = 300 * 1024;
const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'rapport-console-budget-'));

/** The scripts `index.html` loads at once: its module entry and every chunk it preloads. */
function initialScripts(html: string): string[] {
  const entry = [...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)].map((m) => m[1] as string);
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map(
    (m) => m[1] as string,
  );
  return [...new Set([...entry, ...preloads])];
}

describe('the first load', () => {
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it(`stays within ${BUDGET_BYTES / 1024} KB of gzipped JavaScript, with no inline script`, async () => {
    // Vitest runs with NODE_ENV=test, which would bundle React's development build.
    const environment = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({
        root,
        mode: 'production',
        configFile: join(root, 'vite.config.ts'),
        logLevel: 'silent',
        build: { outDir, emptyOutDir: true },
      });
    } finally {
      process.env.NODE_ENV = environment;
    }
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style/);
    const scripts = initialScripts(html);
    expect(scripts.length).toBeGreaterThan(0);
    const sizes = scripts.map((src) => {
      const file = join(outDir, src.replace(/^\/console\//, ''));
      return { src, gzip: gzipSync(readFileSync(file)).length };
    });
    const total = sizes.reduce((sum, size) => sum + size.gzip, 0);
    console.info(`initial JavaScript: ${(total / 1024).toFixed(1)} KB gzipped in ${sizes.length} file(s)`);
    expect(total, JSON.stringify(sizes)).toBeLessThanOrEqual(BUDGET_BYTES);
    // Charts load on the pages that show one, not on the first.
    expect(scripts.some((src) => src.includes('uplot'))).toBe(false);
  }, 120_000);
});
