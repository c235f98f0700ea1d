import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const EXAMPLE = fileURLToPath(new URL('..', import.meta.url));
const ADMIN_KEY = `rk_NpsExample12_${'n'.repeat(43)}`;
const auth = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
const dataDirs: string[] = [];
afterAll(() => Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** Runs what `pnpm start` runs after building: `rapport serve` with rapport.config.ts, on port 0. */
async function serve(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['node_modules/@rapport/cli/dist/bin.js', 'serve', '--config', 'rapport.config.ts', '--port', '0'],
    {
      cwd: EXAMPLE,
      env: {
        ...process.env,
        RAPPORT_DATA_DIR: dataDir,
        RAPPORT_ADMIN_KEY: ADMIN_KEY,
        RAPPORT_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk) => {
    err += String(chunk);
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      out += String(chunk);
      const match = /Rapport listening on (\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  return { url, child };
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

describe('the start script', () => {
  it('serves customers and NPS on the embedded store, keeping answers across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'rapport-nps-'));
    dataDirs.push(dataDir);
    const first = await serve(dataDir);
    try {
      const created = await fetch(`${first.url}/api/customers`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ name: 'Ada', kind: 'person' }),
      });
      expect(created.status).toBe(201);
      const customer = (await created.json()) as { id: string };
      const linked = await fetch(`${first.url}/api/nps/customers/${customer.id}/survey-link`, {
        method: 'POST',
        headers: auth,
      });
      const { path } = (await linked.json()) as { path: string };
      const answered = await fetch(`${first.url}${path}`, {
        method: 'POST',
        headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'score=10&comment=Lovely',
      });
      expect(answered.status).toBe(200);
      expect(await answered.text()).toContain('You gave us 10 out of 10.');
    } finally {
      expect(await stop(first.child)).toBe(0);
    }

    const second = await serve(dataDir);
    try {
      const metric = await fetch(`${second.url}/api/metrics/nps.score?period=year`, { headers: auth });
      expect(metric.status).toBe(200);
      expect(await metric.json()).toMatchObject({ value: 100 });
      const answers = await fetch(`${second.url}/api/nps-responses`, { headers: auth });
      expect(await answers.json()).toMatchObject({ items: [{ score: 10, comment: 'Lovely' }] });
    } finally {
      await stop(second.child);
    }
  }, 60_000);
});
