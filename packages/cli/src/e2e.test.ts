import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createKernel, SYSTEM_ACTOR } from '@rapport/core';
import { apiKeys } from '@rapport/server';
import { lowdbStore } from '@rapport/store-lowdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, PACKAGE_ROOT, supportModule, type TestProject } from './test-support/cli-harness.js';
import { crm } from './test-support/crm-plugin.js';

const BIN = join(PACKAGE_ROOT, 'dist', 'bin.js');
const ADMIN_KEY = `rk_EndToEndAdm1_${'h'.repeat(43)}`;

/** Runs the built CLI to completion as a separate process. */
function cli(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, RAPPORT_LOG_LEVEL: 'warn', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('rapport serve end to end (a child process on a lowdb store)', () => {
  let project: TestProject;
  let dataDir: string;
  let server: ChildProcess;
  let url: string;
  let stderr = '';
  const stdoutLines: string[] = [];
  let agentKey: string;
  const auth = (key: string, headers: Record<string, string> = {}) => ({
    authorization: `Bearer ${key}`,
    ...headers,
  });

  beforeAll(async () => {
    project = await createProject();
    dataDir = join(project.dir, 'data');
    await project.write(
      'e2e.config.ts',
      `import { defineConfig } from '@rapport/cli';
import { lowdbStore } from '@rapport/store-lowdb';
import { crm } from '${supportModule('crm-plugin.ts')}';

export const config = defineConfig((env) => ({
  store: () => lowdbStore({ dir: env.E2E_DATA_DIR ?? 'data' }),
  plugins: [crm()],
  server: { title: 'E2E CRM', shutdownGraceMs: 5000 },
}));
`,
    );
    server = spawn(process.execPath, [BIN, 'serve', '--config', 'e2e.config.ts', '--port', '0'], {
      cwd: project.dir,
      env: { ...process.env, RAPPORT_ADMIN_KEY: ADMIN_KEY, RAPPORT_LOG_LEVEL: 'info', E2E_DATA_DIR: dataDir },
    });
    server.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    const lines = createInterface({ input: server.stdout! });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 15_000);
      lines.on('line', (line) => {
        stdoutLines.push(line);
        const match = /^Rapport listening on (http:\/\/\S+) \(docs at \/docs\)$/.exec(line);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      server.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
    });
  });

  afterAll(async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    await project.remove();
  });

  it('listens on a free port, serves docs, and never prints the adopted admin key', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stdoutLines.join('\n')).not.toContain('rk_');
    expect((await fetch(`${url}/openapi.json`)).status).toBe(200);
    expect((await fetch(`${url}/docs`)).status).toBe(200);
  });

  it('creates a key with the CLI through the admin routes', async () => {
    const created = await cli(
      [
        'keys',
        'create',
        '--name',
        'north agent',
        '--role',
        'agent',
        '--attr',
        'team=north',
        '--json',
        '--url',
        url,
        '--admin-key',
        ADMIN_KEY,
      ],
      project.dir,
    );
    expect(created.code).toBe(0);
    agentKey = (JSON.parse(created.stdout) as { key: string }).key;
    expect(agentKey).toMatch(/^rk_/);
  });

  it('refuses direct commands on the store the server holds, saying what to do', async () => {
    const locked = await cli(['keys', 'list', '--config', 'e2e.config.ts'], project.dir, {
      E2E_DATA_DIR: dataDir,
    });
    expect(locked.code).toBe(1);
    expect(locked.stderr).toMatch(
      /^error: store 'lowdb' did not open: .* in use by process \d+.*stop the server, or send this command through it with --url/,
    );
    expect(locked.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('creates, filters, pages, updates with a conflict, and deletes over HTTP', async () => {
    const post = (body: unknown) =>
      fetch(`${url}/api/deals`, {
        method: 'POST',
        headers: auth(agentKey, { 'content-type': 'application/json' }),
        body: JSON.stringify(body),
      });
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await post({
        title: `Deal ${i}`,
        team: 'north',
        amount: { amount: 1000 * i, currency: 'EUR' },
      });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: string }).id);
    }
    expect((await post({ title: 'Not mine', team: 'south' })).status).toBe(403);
    const admin = await fetch(`${url}/api/deals`, {
      method: 'POST',
      headers: auth(ADMIN_KEY, { 'content-type': 'application/json' }),
      body: JSON.stringify({ title: 'South deal', team: 'south' }),
    });
    expect(admin.status).toBe(201);

    const filtered = await fetch(`${url}/api/deals?where[amount.amount][gte]=2000&sort=title`, {
      headers: auth(agentKey),
    });
    expect(
      ((await filtered.json()) as { items: Array<{ title: string }> }).items.map((d) => d.title),
    ).toEqual(['Deal 2', 'Deal 3', 'Deal 4']);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await fetch(
        `${url}/api/deals?limit=2&sort=title${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { headers: auth(agentKey) },
      );
      const page = (await res.json()) as { items: Array<{ title: string }>; nextCursor?: string };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((d) => d.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Deal 0', 'Deal 1', 'Deal 2', 'Deal 3', 'Deal 4']); // the south deal is hidden from the north agent

    const target = `${url}/api/deals/${ids[1]}`;
    const patch = (ifMatch: string, body: unknown) =>
      fetch(target, {
        method: 'PATCH',
        headers: auth(agentKey, { 'content-type': 'application/json', 'if-match': ifMatch }),
        body: JSON.stringify(body),
      });
    const first = await patch('"v1"', { title: 'Deal 1 (renamed)' });
    expect(first.status).toBe(200);
    const stale = await patch('"v1"', { title: 'lost update' });
    expect(stale.status).toBe(412);
    expect(((await stale.json()) as { code: string }).code).toBe('PRECONDITION_FAILED');

    const gone = await fetch(`${url}/api/deals/${ids[4]}`, { method: 'DELETE', headers: auth(ADMIN_KEY) });
    expect(gone.status).toBe(204);
    expect((await fetch(`${url}/api/deals/${ids[4]}`, { headers: auth(agentKey) })).status).toBe(404);
  });

  it('exports through the server with the key, seeing only what the key may read', async () => {
    const exported = await cli(['export', 'deal', '--format', 'jsonl', '--url', url], project.dir, {
      RAPPORT_KEY: agentKey,
    });
    expect(exported.code).toBe(0);
    const teams = exported.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { team: string }).team);
    expect(teams).toEqual(['north', 'north', 'north', 'north']);
  });

  it('drains a running request on SIGTERM, logs with request ids, exits 0 and leaves the data on disk', async () => {
    const slow = fetch(`${url}/api/crm/slow?ms=700`, { headers: auth(agentKey) });
    await new Promise((resolve) => setTimeout(resolve, 150));
    server.kill('SIGTERM');
    const response = await slow;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ slow: true });
    const [code, signal] = (await once(server, 'exit')) as [number | null, string | null];
    expect({ code, signal }).toEqual({ code: 0, signal: null });

    const logs = stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; requestId?: string; path?: string; status?: number });
    expect(logs.find((l) => l.msg === 'request' && l.path === '/api/crm/slow')).toMatchObject({
      status: 200,
      requestId: expect.any(String),
    });
    expect(logs.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['shutting down: draining requests', 'stopped']),
    );
    expect(stderr).not.toContain(ADMIN_KEY);

    const kernel = await createKernel({
      store: lowdbStore({ dir: dataDir }),
      plugins: [apiKeys(), crm()],
      logger: { level: 'silent' },
    });
    await kernel.start();
    try {
      const deals = kernel.data<{ title: string }>('deal', { actor: SYSTEM_ACTOR });
      expect(await deals.count()).toBe(5);
      expect(
        (await deals.find({ where: { title: { startsWith: 'Deal 1' } } })).items.map((d) => d.title),
      ).toEqual(['Deal 1 (renamed)']);
      expect(await kernel.data('apiKey', { actor: SYSTEM_ACTOR }).count()).toBe(2);
    } finally {
      await kernel.stop();
    }
  });
});
