import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { definePlugin } from '@rapport/core';
import { createTestKernel } from '@rapport/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { apiKeys } from '../auth/api-key-entity.js';
import { createServer } from '../create-server.js';
import { CONSOLE_CSP, type ConsoleOption } from './mount-console.js';

function builtConsole(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><script type="module" src="/console/assets/app-1a2b.js"></script>',
  );
  writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'export const app = 1;'.repeat(200));
  return dir;
}

function pluginAssets(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-plugin-assets-'));
  writeFileSync(join(dir, 'forecast.js'), 'customElements.define("x-y", class extends HTMLElement {});');
  return dir;
}

describe('the console mount', () => {
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });
  const boot = async (option: ConsoleOption, assets?: string) => {
    const withAssets = definePlugin({
      id: 'board',
      version: '1.0.0',
      register(ctx) {
        if (assets) ctx.views.assets(assets);
      },
    });
    const lines: unknown[] = [];
    const t = await createTestKernel({ plugins: [apiKeys(), withAssets] });
    const info = t.kernel.logger.info.bind(t.kernel.logger);
    t.kernel.logger.info = ((...args: unknown[]) => {
      lines.push(args);
      return (info as (...rest: unknown[]) => void)(...args);
    }) as typeof t.kernel.logger.info;
    stops.push(() => t.stop());
    return { app: createServer(t.kernel, { logRequests: false, console: option }), lines };
  };

  it('serves index.html for every console path, no-cache, under a strict CSP without inline scripts', async () => {
    const { app } = await boot({ dir: builtConsole() });
    for (const path of [
      '/console/',
      '/console/records/customers',
      '/console/records/customers/0196-x/edit',
    ]) {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
      expect(await res.text()).toContain('/console/assets/app-1a2b.js');
    }
    expect(CONSOLE_CSP).toContain("script-src 'self'");
    expect(CONSOLE_CSP).not.toContain('unsafe-inline');
    const bare = await app.request('/console');
    expect(bare.status).toBe(308);
    expect(bare.headers.get('location')).toBe('/console/');
  });

  it('serves hashed assets with a long immutable cache, compressed when asked', async () => {
    const { app } = await boot({ dir: builtConsole() });
    const res = await app.request('/console/assets/app-1a2b.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
  });

  it('answers 404 for missing or unsafe asset paths, never a file outside the build', async () => {
    const { app } = await boot({ dir: builtConsole() });
    for (const path of [
      '/console/assets/missing.js',
      '/console/assets/..%2Findex.html',
      '/console/assets/.hidden',
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
    }
    // A dot segment is resolved by the URL parser first: the page itself, never a cached asset.
    const dots = await app.request('/console/assets/../index.html');
    expect(dots.headers.get('cache-control')).toBe('no-cache');
  });

  it("serves a plugin's console assets from the folder it declared", async () => {
    const { app } = await boot({ dir: builtConsole() }, pluginAssets());
    const res = await app.request('/console/plugins/board/forecast.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/javascript');
    expect((await app.request('/console/plugins/other/forecast.js')).status).toBe(404);
    expect((await app.request('/console/plugins/board/../forecast.js')).status).toBe(404);
  });

  it('skips the console with one log line when it is not built, and when turned off', async () => {
    const missing = await boot({ dir: join(tmpdir(), 'rapport-no-console-here') });
    expect((await missing.app.request('/console/')).status).toBe(404);
    expect(JSON.stringify(missing.lines)).toContain('console not built');
    const off = await boot(false);
    expect((await off.app.request('/console/')).status).toBe(404);
    expect(JSON.stringify(off.lines)).not.toContain('console not built');
  });
});
