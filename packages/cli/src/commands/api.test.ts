import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, memoryConfig, type TestProject } from '../test-support/cli-harness.js';
import { type InProcessServer, serveInProcess } from '../test-support/serve-harness.js';

const ADMIN_KEY = `rk_ApiCommand12_${'b'.repeat(43)}`;
let p: TestProject;
let server: InProcessServer;

beforeAll(async () => {
  p = await createProject(memoryConfig('api-command'));
  server = await serveInProcess(p, { RAPPORT_ADMIN_KEY: ADMIN_KEY });
});
afterAll(async () => {
  expect((await server.stop()).code).toBe(0);
});

describe('rapport api', () => {
  const api = (argv: string[]) =>
    p.run(['api', ...argv], { env: { RAPPORT_URL: server.url, RAPPORT_KEY: ADMIN_KEY } });

  it('sends a JSON body and headers with the key, and prints the answer', async () => {
    const created = await api([
      'POST',
      '/api/deals',
      '--data',
      JSON.stringify({ title: 'Through the api command', team: 'north' }),
      '--header',
      'Idempotency-Key: cli-api-1',
    ]);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const deal = JSON.parse(created.stdout) as { id: string; title: string };
    expect(deal.title).toBe('Through the api command');
    const again = await api([
      'POST',
      '/api/deals',
      '-d',
      JSON.stringify({ title: 'Through the api command', team: 'north' }),
      '-H',
      'Idempotency-Key: cli-api-1',
    ]);
    expect(JSON.parse(again.stdout).id).toBe(deal.id); // the first answer, replayed
    const read = await api(['get', `/api/deals/${deal.id}`]);
    expect(JSON.parse(read.stdout)).toMatchObject({ id: deal.id, title: 'Through the api command' });
  });

  it("prints the server's refusal and exits 1; usage errors exit 2", async () => {
    const missing = await api(['GET', '/api/deals/no-such-deal']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: .*no-such-deal/);
    expect((await api(['FETCH', '/api/deals'])).code).toBe(2);
    expect((await api(['POST', '/api/deals', '--data', '{nope'])).stderr).toMatch(
      /^error: --data is not JSON/,
    );
    expect((await api(['POST', '/api/deals', '-H', 'nocolon'])).code).toBe(2);
    expect((await p.run(['api', 'GET', '/api/deals'], { env: {} })).stderr).toBe(
      'error: rapport api needs a server: pass --url or set RAPPORT_URL\n',
    );
  });
});
