import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve, sep } from 'node:path';
import type { Kernel } from '@rapport/core';
import type { Context, Hono } from 'hono';
import { compress } from 'hono/compress';
import type { RapportEnv } from '../http/env.js';

/** Where the console is served from: `false` turns it off; `dir` is a built console (default: `@rapport/console`'s). */
export type ConsoleOption = false | { dir?: string };

/**
 * The console's policy: only same-origin scripts, styles, images, fonts and API calls; no inline
 * script or style element, no frames, no plugins, no `<base>`.
 */
export const CONSOLE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};
const SAFE_PATH = /^(?:[A-Za-z0-9_][A-Za-z0-9_.-]*\/)*[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

function headers(cache: string, type: string): Record<string, string> {
  return {
    'content-type': type,
    'cache-control': cache,
    'content-security-policy': CONSOLE_CSP,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
    'strict-transport-security': 'max-age=15552000; includeSubDomains',
  };
}

function builtConsole(option: { dir?: string }): string | undefined {
  if (option.dir) return resolve(option.dir);
  try {
    const manifest = createRequire(import.meta.url).resolve('@rapport/console/package.json');
    return join(dirname(manifest), 'dist');
  } catch {
    return undefined;
  }
}

/** A file under `root` at `path`, or undefined for a path that is unsafe, outside `root` or missing. */
async function fileUnder(root: string, path: string): Promise<Buffer | undefined> {
  if (!SAFE_PATH.test(path) || path.split('/').includes('..')) return undefined;
  const full = resolve(root, path);
  if (!full.startsWith(root + sep)) return undefined;
  return readFile(full).catch(() => undefined);
}

/**
 * Serves the built console at `/console`: hashed assets with a year's immutable cache, plugins'
 * console assets (custom elements) at `/console/plugins/<plugin>/`, and `index.html` (no-cache)
 * for every other path so the app routes in the browser — all under {@link CONSOLE_CSP}. When the
 * console is not built it logs one line and serves nothing. Returns whether it mounted.
 */
export function mountConsole(
  app: Hono<RapportEnv>,
  kernel: Kernel,
  option: ConsoleOption | undefined,
): boolean {
  if (option === false) return false;
  const dir = builtConsole(option ?? {});
  const indexFile = dir ? join(dir, 'index.html') : undefined;
  if (!dir || !indexFile || !existsSync(indexFile)) {
    kernel.logger.info(
      { dir },
      'console not built, /console is not served (build it with: pnpm --filter @rapport/console build)',
    );
    return false;
  }
  const index = readFileSync(indexFile);
  const assets = new Map<string, Buffer>();
  const sendIndex = (c: Context<RapportEnv>) =>
    c.body(index, 200, headers('no-cache', TYPES['.html'] as string));
  const notFound = (c: Context<RapportEnv>) =>
    c.text('not found', 404, headers('no-cache', 'text/plain; charset=utf-8'));

  app.use('/console/*', compress());
  app.get('/', (c) => c.redirect('/console/', 302));
  app.get('/console', (c) => c.redirect('/console/', 308));
  app.get('/console/assets/*', async (c) => {
    const path = c.req.path.slice('/console/assets/'.length);
    let file = assets.get(path);
    if (!file) {
      file = await fileUnder(join(dir, 'assets'), path);
      if (!file) return notFound(c);
      assets.set(path, file);
    }
    const type = TYPES[extname(path)] ?? 'application/octet-stream';
    return c.body(new Uint8Array(file), 200, headers('public, max-age=31536000, immutable', type));
  });
  app.get('/console/plugins/:plugin/*', async (c) => {
    const root = kernel.views.assets().get(c.req.param('plugin'));
    const path = c.req.path.slice(`/console/plugins/${c.req.param('plugin')}/`.length);
    const file = root ? await fileUnder(resolve(root), path) : undefined;
    if (!file) return notFound(c);
    return c.body(
      new Uint8Array(file),
      200,
      headers('no-cache', TYPES[extname(path)] ?? 'application/octet-stream'),
    );
  });
  app.get('/console/*', sendIndex);
  return true;
}
