import { readdir, readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, freePort, memoryConfig, type TestProject } from '../test-support/cli-harness.js';
import { type InProcessServer, serveInProcess } from '../test-support/serve-harness.js';

const ADMIN_KEY = `rk_ExportAdmin1_${'a'.repeat(43)}`;
let p: TestProject;

const DEALS = [
  {
    title: 'N1',
    team: 'north',
    amount: { amount: 100, currency: 'EUR' },
    tags: ['a', 'b'],
    won: true,
    meta: { src: 'fair' },
  },
  { title: 'N2', team: 'north', probability: 0.25 },
  { title: 'S1', team: 'south', amount: { amount: 300, currency: 'USD' } },
  { title: 'S2', team: 'south' },
  { title: 'N3', team: 'north' },
];

beforeAll(async () => {
  p = await createProject(memoryConfig('export'));
  await p.write('deals.json', JSON.stringify(DEALS));
  const imported = await p.run(['import', 'deal', 'deals.json']);
  expect(imported.code).toBe(0);
});
afterAll(() => p.remove());

describe('rapport export (direct, as the system)', () => {
  it('writes CSV with flattened dotted columns that import reads back', async () => {
    const result = await p.run(['export', 'deal']);
    expect(result.code).toBe(0);
    const rows = parse(result.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'id',
      'title',
      'team',
      'code',
      'amount.amount',
      'amount.currency',
      'probability',
      'won',
      'tags',
      'meta',
      'createdAt',
      'updatedAt',
      'version',
    ]);
    expect(rows).toHaveLength(5);
    const n1 = rows.find((r) => r.title === 'N1');
    expect(n1).toMatchObject({
      'amount.amount': '100',
      'amount.currency': 'EUR',
      tags: '["a","b"]',
      won: 'true',
      meta: '{"src":"fair"}',
      version: '1',
    });

    const semicolons = await p.run(['export', 'deal', '--delimiter', ';']);
    expect(semicolons.stdout.split('\n')[0]).toBe(
      'id;title;team;code;amount.amount;amount.currency;probability;won;tags;meta;createdAt;updatedAt;version',
    );

    const copy = await createProject(memoryConfig('export-roundtrip'));
    try {
      await copy.write('deals.csv', result.stdout);
      const again = await copy.run(['import', 'deal', 'deals.csv']);
      expect(again.code).toBe(0);
      expect(again.stderr).toContain('note: ignoring system column(s) id, createdAt, updatedAt, version');
      const json = JSON.parse(
        (await copy.run(['export', 'deal', '--format', 'json', '--where', '{"title":"N1"}'])).stdout,
      );
      expect(json[0]).toMatchObject(DEALS[0] as object);
    } finally {
      await copy.remove();
    }
  });

  it('quotes text a spreadsheet would run as a formula, and import gives it back exactly', async () => {
    const risky = [
      '=HYPERLINK("http://evil.example","x")',
      "+cmd|' /C calc'!A0",
      '@SUM(1+1)',
      "'=already quoted",
    ];
    const project = await createProject(memoryConfig('export-formulas'));
    const copy = await createProject(memoryConfig('export-formulas-copy'));
    try {
      await project.write(
        'deals.json',
        JSON.stringify([
          ...risky.map((title) => ({ title, team: 'north' })),
          { title: '+49 30 1234567', team: 'south' },
        ]),
      );
      expect((await project.run(['import', 'deal', 'deals.json'])).code).toBe(0);
      const escaped = await project.run(['export', 'deal']);
      const titles = (parse(escaped.stdout, { columns: true }) as Array<Record<string, string>>).map(
        (r) => r.title,
      );
      expect(titles).toEqual(expect.arrayContaining(['+49 30 1234567', ...risky.map((t) => `'${t}`)]));
      const verbatim = await project.run(['export', 'deal', '--no-escape-formulas']);
      const rawTitles = (parse(verbatim.stdout, { columns: true }) as Array<Record<string, string>>).map(
        (r) => r.title,
      );
      expect(rawTitles).toEqual(expect.arrayContaining([...risky, '+49 30 1234567']));

      await copy.write('deals.csv', escaped.stdout);
      expect((await copy.run(['import', 'deal', 'deals.csv'])).code).toBe(0);
      const back = JSON.parse((await copy.run(['export', 'deal', '--format', 'json'])).stdout) as Array<{
        title: string;
      }>;
      expect(back.map((d) => d.title).sort()).toEqual([...risky, '+49 30 1234567'].sort());
      const kept = await copy.run(['import', 'deal', 'deals.csv', '--no-unescape-formulas']);
      expect(kept.code).toBe(0);
      const quoted = JSON.parse(
        (await copy.run(['export', 'deal', '--format', 'json', '--where', '{"title":{"startsWith":"\'@"}}']))
          .stdout,
      ) as Array<{ title: string }>;
      expect(quoted.map((d) => d.title)).toEqual(["'@SUM(1+1)"]);
    } finally {
      await project.remove();
      await copy.remove();
    }
  });

  it('writes JSON and JSON lines, filtered with --where, across pages', async () => {
    const json = await p.run([
      'export',
      'deals',
      '--format',
      'json',
      '--where',
      '{"team":"north"}',
      '--page-size',
      '2',
    ]);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as Array<{ title: string }>).map((d) => d.title).sort()).toEqual([
      'N1',
      'N2',
      'N3',
    ]);
    const lines = await p.run(['export', 'deal', '--format', 'jsonl', '--page-size', '1']);
    const parsed = lines.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { title: string });
    expect(parsed.map((d) => d.title).sort()).toEqual(['N1', 'N2', 'N3', 'S1', 'S2']);
    const none = await p.run(['export', 'deal', '--format', 'json', '--where', '{"team":"east"}']);
    expect(none.stdout).toBe('[]\n');
  });

  it('writes --out atomically and leaves no file when the export fails', async () => {
    const ok = await p.run(['export', 'deal', '--format', 'jsonl', '--out', 'deals.jsonl']);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain('exported 5 deals to deals.jsonl');
    expect((await readFile(`${p.dir}/deals.jsonl`, 'utf8')).trim().split('\n')).toHaveLength(5);
    const bad = await p.run(['export', 'deal', '--out', 'broken.csv', '--where', '{"colour":"red"}']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: .*colour.* \(INVALID_QUERY\)\n$/);
    expect((await readdir(p.dir)).filter((name) => name.includes('broken'))).toEqual([]);
  });

  it('stops on SIGINT/SIGTERM (here an aborted signal) without leaving a partial --out file', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await p.run(['export', 'deal', '--out', 'stopped.csv'], { signal: controller.signal });
    expect(result).toMatchObject({
      code: 130,
      stderr: 'error: interrupted after 0 record(s): stopped.csv was not written (INTERRUPTED)\n',
    });
    expect((await readdir(p.dir)).filter((name) => name.includes('stopped'))).toEqual([]);
  });

  it('refuses bad options with exit code 2', async () => {
    expect(await p.run(['export', 'deal', '--format', 'xml'])).toMatchObject({
      code: 2,
      stderr: 'error: --format must be csv, json, jsonl (got "xml")\n',
    });
    expect((await p.run(['export', 'deal', '--where', '{nope'])).code).toBe(2);
    expect((await p.run(['export', 'deal', '--page-size', '0'])).code).toBe(2);
  });
});

describe('rapport export --url (through the server, with a key)', () => {
  let server: InProcessServer;
  beforeAll(async () => {
    server = await serveInProcess(p, { RAPPORT_ADMIN_KEY: ADMIN_KEY });
  });
  afterAll(async () => {
    expect((await server.stop()).code).toBe(0);
  });

  it("never exports a record the key's record rule hides", async () => {
    const created = await p.run(
      [
        'keys',
        'create',
        '--name',
        'north agent',
        '--role',
        'agent',
        '--attr',
        'team=north',
        '--url',
        server.url,
        '--json',
      ],
      { env: { RAPPORT_ADMIN_KEY: ADMIN_KEY } },
    );
    expect(created.code).toBe(0);
    const { key } = JSON.parse(created.stdout) as { key: string };

    const all = await p.run([
      'export',
      'deal',
      '--format',
      'json',
      '--url',
      server.url,
      '--key',
      key,
      '--page-size',
      '1',
    ]);
    expect(all.code).toBe(0);
    expect((JSON.parse(all.stdout) as Array<{ title: string; team: string }>).map((d) => d.team)).toEqual([
      'north',
      'north',
      'north',
    ]);

    const filtered = await p.run(['export', 'deal', '--format', 'csv', '--where', '{"team":"south"}'], {
      env: { RAPPORT_URL: server.url, RAPPORT_KEY: key },
    });
    expect(filtered.code).toBe(0);
    expect(filtered.stdout.trim().split('\n')).toHaveLength(1); // the header only

    const admin = await p.run([
      'export',
      'deal',
      '--format',
      'jsonl',
      '--url',
      server.url,
      '--key',
      ADMIN_KEY,
    ]);
    expect(admin.stdout.trim().split('\n')).toHaveLength(5);
  });

  it('reports a wrong key and an unreachable server in one line', async () => {
    const wrong = await p.run([
      'export',
      'deal',
      '--url',
      server.url,
      '--key',
      `rk_Nope00000000_${'b'.repeat(43)}`,
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe('error: the API key is not valid or has been revoked (UNAUTHENTICATED)\n');
    const port = await freePort();
    const down = await p.run(['export', 'deal', '--url', `http://127.0.0.1:${port}`, '--key', ADMIN_KEY]);
    expect(down.code).toBe(1);
    expect(down.stderr).toBe(`error: cannot reach http://127.0.0.1:${port}: ECONNREFUSED (UNAVAILABLE)\n`);
    const noKey = await p.run(['export', 'deal', '--url', server.url]);
    expect(noKey).toMatchObject({
      code: 2,
      stderr: 'error: --url needs an API key: pass --key <key> or set RAPPORT_KEY or RAPPORT_ADMIN_KEY\n',
    });
  });
});
