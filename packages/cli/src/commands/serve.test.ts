import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { memoryConfig, projectsRemovedAfterAll, supportModule } from '../test-support/cli-harness.js';
import { serveInProcess } from '../test-support/serve-harness.js';

const project = projectsRemovedAfterAll();

describe('rapport serve', () => {
  it('creates and prints an admin key on the first start only, and it works', async () => {
    const p = await project(memoryConfig('serve-first'));
    const first = await serveInProcess(p);
    const key = /^\s+(rk_\S+)$/m.exec(first.stdout())?.[1] as string;
    expect(key).toBeDefined();
    expect(first.stdout()).toMatch(/Rapport listening on http:\/\/127\.0\.0\.1:\d+ \(docs at \/docs\)\n$/);
    const res = await fetch(`${first.url}/api/deals`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    expect((await first.stop()).code).toBe(0);

    const second = await serveInProcess(p, {
      RAPPORT_LOG_LEVEL: 'warn',
      RAPPORT_ADMIN_KEY: `rk_NotAdopted12_${'d'.repeat(43)}`,
    });
    expect(second.stdout()).not.toContain('rk_');
    const stopped = await second.stop();
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toContain(
      'RAPPORT_ADMIN_KEY is set but keys already exist and it is not one of them: it was not adopted',
    );
  });

  it('serves GET /metrics to the holder of RAPPORT_METRICS_TOKEN only', async () => {
    const p = await project(memoryConfig('serve-metrics'));
    const token = 'metrics-token-for-the-scraper';
    const server = await serveInProcess(p, { RAPPORT_METRICS_TOKEN: token, RAPPORT_LOG_LEVEL: 'warn' });
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(
      /^rapport_http_requests_total\{method="GET",route="\/metrics",status="401"\} 1$/m,
    );
    await server.stop();
  });

  it('adopts RAPPORT_ADMIN_KEY on an empty key table and does not print it', async () => {
    const p = await project(memoryConfig('serve-adopt'));
    const admin = `rk_AdoptedKey12_${'e'.repeat(43)}`;
    const server = await serveInProcess(p, { RAPPORT_ADMIN_KEY: admin });
    expect(server.stdout()).not.toContain('rk_');
    const res = await fetch(`${server.url}/api/api-keys`, { headers: { authorization: `Bearer ${admin}` } });
    expect(((await res.json()) as { items: Array<{ name: string }> }).items.map((k) => k.name)).toEqual([
      'admin (RAPPORT_ADMIN_KEY)',
    ]);
    await server.stop();
  });

  it('refuses a malformed RAPPORT_ADMIN_KEY, and leaves the store closed', async () => {
    const p = await project(memoryConfig('serve-bad-key'));
    const result = await p.run(['serve', '--port', '0'], { env: { RAPPORT_ADMIN_KEY: 'secret' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: the key does not have the form rk_.* \(VALIDATION_FAILED\): key must look like/,
    );
  });

  it('takes the port from --port, then PORT, then the config; a taken port is one clear error', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const p = await project(memoryConfig('serve-port', 'server: { port: 1, logRequests: false },'));
      const result = await p.run(['serve'], { env: { PORT: String(taken) } });
      expect(result).toMatchObject({ code: 1 });
      expect(result.stderr).toBe(
        `error: cannot listen on 127.0.0.1:${taken} (EADDRINUSE): pick another with --port/PORT or --host/HOST (LISTEN_FAILED)\n`,
      );
      const server = await serveInProcess(p, { PORT: String(taken) }); // --port 0 wins over PORT
      expect(server.url).not.toContain(`:${taken}`);
      await server.stop();
      expect((await p.run(['serve'], { env: { PORT: 'eighty' } })).stderr).toBe(
        'error: PORT="eighty" is not a port number (0 to 65535) (CONFIG_INVALID)\n',
      );
      expect((await p.run(['serve', '--port', '99999'])).code).toBe(2);
    } finally {
      blocker.close();
    }
  });

  it('says to stop the server or use --url when a command opens an embedded store a server holds', async () => {
    const dir = `${(await project(memoryConfig('unused'))).dir}/data`;
    const p = await project(`import { lowdbStore } from '@rapport/store-lowdb';
import { crm } from '${supportModule('crm-plugin.ts')}';
export const config = { store: () => lowdbStore({ dir: ${JSON.stringify(dir)} }), plugins: [crm()] };
`);
    const server = await serveInProcess(p, { RAPPORT_ADMIN_KEY: `rk_LockedStore1_${'f'.repeat(43)}` });
    try {
      const result = await p.run(['keys', 'list']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^error: store 'lowdb' did not open: .*(in use|already open).*: if `rapport serve` is running on it, stop the server, or send this command through it with --url <server url> and an API key \(STORE_UNAVAILABLE\)\n$/,
      );
    } finally {
      expect((await server.stop()).code).toBe(0);
    }
    expect((await p.run(['keys', 'list', '--json'])).code).toBe(0);
  });
});
