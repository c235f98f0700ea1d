import { readFile } from 'node:fs/promises';
import { createKernel, memoryStore, SYSTEM_ACTOR } from '@rapport/core';
import { describe, expect, it } from 'vitest';
import { memoryConfig, projectsRemovedAfterAll } from '../test-support/cli-harness.js';
import { crm } from '../test-support/crm-plugin.js';
import { testVolume } from '../test-support/volumes.js';

const newProject = projectsRemovedAfterAll();
const project = (volume: string) => newProject(memoryConfig(volume));

/** Reads what a volume holds, through a kernel of its own. */
async function stored(volume: string, entity = 'deal'): Promise<Array<Record<string, unknown>>> {
  const kernel = await createKernel({
    store: memoryStore({ volume: testVolume(volume) }),
    plugins: [crm()],
    logger: { level: 'silent' },
  });
  await kernel.start();
  try {
    return (await kernel.data(entity, { actor: SYSTEM_ACTOR }).find({ sort: ['title'], limit: 500 })).items;
  } finally {
    await kernel.stop();
  }
}

async function auditCount(volume: string): Promise<number> {
  const kernel = await createKernel({
    store: memoryStore({ volume: testVolume(volume) }),
    plugins: [crm()],
    logger: { level: 'silent' },
  });
  await kernel.start();
  try {
    return (await kernel.audit({ limit: 500 }, { actor: SYSTEM_ACTOR })).items.length;
  } finally {
    await kernel.stop();
  }
}

const CSV = [
  'title,team,code,amount.amount,amount.currency,probability,won,tags,meta.source',
  'Alpha,north,A1,1200,EUR,0.5,true,"[""vip""]",fair', // good
  'Beta,west,B1,10,EUR,,,,', // team not in enum
  'Gamma,south,G1,lots,EUR,,,,', // amount not an integer
  'explode,north,E1,,,,,,', // written, then the after-create hook fails: nothing may stay
  'Delta,south,A1,,,,,,', // code A1 taken: unique conflict
  'Epsilon,south,,,,0.9,no,,', // good
].join('\n');

describe('rapport import (direct)', () => {
  it('keeps good rows, reports bad ones with row, line and field, and exits 1', async () => {
    const p = await project('import-csv');
    await p.write('deals.csv', `${CSV}\n`);
    const result = await p.run(['import', 'deal', 'deals.csv']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('2 of 6 row(s) imported into deals; 4 failed');
    const table = result.stdout.trim().split('\n').slice(1);
    expect(table[0]).toMatch(/^row\s+line\s+code\s+field\s+message$/);
    expect(table.slice(2)).toEqual([
      expect.stringMatching(/^2\s+3\s+VALIDATION_FAILED\s+team\s+must be one of: "north", "south"$/),
      expect.stringMatching(
        /^3\s+4\s+VALIDATION_FAILED\s+amount\.amount\s+must be an integer \(got "lots"\)$/,
      ),
      expect.stringMatching(/^4\s+5\s+VALIDATION_FAILED\s+title\s+must not be explode$/),
      expect.stringMatching(/^5\s+6\s+CONFLICT\s+.*code/),
    ]);

    const deals = await stored('import-csv');
    expect(deals.map((d) => d.title)).toEqual(['Alpha', 'Epsilon']);
    expect(deals[0]).toMatchObject({
      team: 'north',
      code: 'A1',
      amount: { amount: 1200, currency: 'EUR' },
      probability: 0.5,
      won: true,
      tags: ['vip'],
      meta: { source: 'fair' },
    });
    expect(deals[1]).toMatchObject({ probability: 0.9, won: false });
    expect(deals[1]).not.toHaveProperty('amount');
    // The row that failed after its write left no record and no audit entry: one audit record per kept row.
    expect(await auditCount('import-csv')).toBe(2);
  });

  it('writes a CSV or JSON report and exits 0 with --allow-errors', async () => {
    const p = await project('import-report');
    await p.write('deals.csv', CSV);
    const csv = await p.run(['import', 'deals', 'deals.csv', '--report', 'errors.csv', '--allow-errors']);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain('failed rows are listed in errors.csv');
    const lines = (await readFile(`${p.dir}/errors.csv`, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('row,line,code,field,message');
    expect(lines[1]).toBe('2,3,VALIDATION_FAILED,team,"must be one of: ""north"", ""south"""');
    expect(lines).toHaveLength(5);

    const p2 = await project('import-report-json');
    await p2.write('deals.csv', CSV);
    const json = await p2.run(['import', 'deal', 'deals.csv', '--report', 'errors.json', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      entity: 'deal',
      rows: 6,
      created: 2,
      failed: 4,
      report: 'errors.json',
    });
    const report = JSON.parse(await readFile(`${p2.dir}/errors.json`, 'utf8'));
    expect(report.errors[1]).toEqual({
      row: 3,
      line: 4,
      code: 'VALIDATION_FAILED',
      message: 'cells do not fit the schema',
      errors: [{ path: 'amount.amount', rule: 'type', message: 'must be an integer (got "lots")' }],
    });
  });

  it('imports JSON arrays and JSON lines; a line that does not parse is one failed row', async () => {
    const p = await project('import-json');
    await p.write(
      'deals.json',
      JSON.stringify([
        { title: 'One', team: 'north', id: 'ignored' },
        { title: 'Two', team: 'nowhere' },
      ]),
    );
    const array = await p.run(['import', 'deal', 'deals.json', '--json']);
    expect(array.code).toBe(1);
    expect(JSON.parse(array.stdout)).toMatchObject({
      rows: 2,
      created: 1,
      errors: [{ row: 2, code: 'VALIDATION_FAILED', errors: [{ path: 'team' }] }],
    });
    expect(array.stderr).toContain('note: ignoring system field(s) id: the store assigns them');

    await p.write(
      'deals.jsonl',
      '{"title":"Three","team":"south"}\n{"title":\n{"title":"Four","team":"south","won":true}\n',
    );
    const lines = await p.run(['import', 'deal', 'deals.jsonl', '--json']);
    expect(JSON.parse(lines.stdout)).toMatchObject({
      rows: 3,
      created: 2,
      errors: [{ row: 2, line: 2, code: 'INVALID_JSON' }],
    });
    expect((await stored('import-json')).map((d) => d.title)).toEqual(['Four', 'One', 'Three']);
  });

  it('fails a row nested 10,000 deep on its own, naming the limit, in JSON, JSON lines and CSV', async () => {
    const p = await project('import-deep');
    const deepObjects = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const deepArrays = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const failure = (row: number, field: string, line?: number) => ({
      row,
      ...(line === undefined ? {} : { line }),
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(
        new RegExp(`^the row nests deeper than 64 levels \\(at ${field}\\..+…\\)$`),
      ),
      errors: [{ path: field, rule: 'maxDepth', message: expect.stringContaining('deeper than 64 levels') }],
    });
    const oneOfTwoFailed = (error: unknown) => ({ rows: 2, created: 1, failed: 1, errors: [error] });
    await p.write(
      'deals.json',
      `[{"title":"Deep","team":"north","meta":${deepObjects}},{"title":"Flat","team":"north","meta":{"a":1}}]`,
    );
    const array = await p.run(['import', 'deal', 'deals.json', '--json']);
    expect(array.code).toBe(1);
    expect(JSON.parse(array.stdout)).toMatchObject(oneOfTwoFailed(failure(1, 'meta')));

    await p.write(
      'deals.jsonl',
      `{"title":"Shallow","team":"south"}\n{"title":"Deeper","team":"south","tags":${deepArrays}}\n`,
    );
    const lines = await p.run(['import', 'deal', 'deals.jsonl', '--json']);
    expect(JSON.parse(lines.stdout)).toMatchObject(oneOfTwoFailed(failure(2, 'tags', 2)));

    const cell = `"${deepObjects.replace(/"/g, '""')}"`;
    await p.write('deals.csv', `title,team,meta\nCsv deep,north,${cell}\nCsv flat,south,"{""b"":2}"\n`);
    const csv = await p.run(['import', 'deal', 'deals.csv', '--json']);
    expect(JSON.parse(csv.stdout)).toMatchObject(oneOfTwoFailed(failure(1, 'meta', 2)));
    expect((await stored('import-deep')).map((d) => d.title)).toEqual(['Csv flat', 'Flat', 'Shallow']);
  });

  it('stops before writing anything when the CSV header does not fit, or the entity is unknown', async () => {
    const p = await project('import-header');
    await p.write('bad.csv', 'title,colour\nA,red\n');
    const header = await p.run(['import', 'deal', 'bad.csv']);
    expect(header.code).toBe(1);
    expect(header.stderr).toMatch(
      /^error: the header of .*bad.csv does not fit entity 'deal': column 'colour' is not a field of the entity \(INVALID_FILE\)\n$/,
    );
    const unknown = await p.run(['import', 'invoice', 'bad.csv']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("error: unknown entity 'invoice' (known: deal, note)\n");
    const internal = await p.run(['import', 'apiKey', 'bad.csv']);
    expect(internal.code).toBe(2);
    expect(await stored('import-header')).toEqual([]);
  });

  it('stops after --max-errors failed rows', async () => {
    const p = await project('import-max');
    await p.write('deals.csv', CSV);
    const result = await p.run(['import', 'deal', 'deals.csv', '--max-errors', '1']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('1 of 2 row(s) imported into deals; 1 failed');
    expect(result.stderr).toContain(
      'error: the import stopped after row 2: 1 row(s) failed (--max-errors 1) (IMPORT_STOPPED)',
    );
  });

  it('draws a progress bar on a terminal, and none with --quiet', async () => {
    const { capture } = await import('../test-support/cli-harness.js');
    const { runCli } = await import('../cli.js');
    const p = await project('import-progress');
    await p.write('deals.csv', CSV);
    const tty = capture(true);
    await runCli(['import', 'deal', 'deals.csv'], {
      cwd: p.dir,
      stdout: capture(),
      stderr: tty,
      env: { RAPPORT_LOG_LEVEL: 'silent' },
    });
    expect(tty.text()).toMatch(/importing deals .*100% \| 6 rows \| 4 failed/);
    const quiet = capture(true);
    await runCli(['import', 'deal', 'deals.csv', '--quiet'], {
      cwd: p.dir,
      stdout: capture(),
      stderr: quiet,
      env: { RAPPORT_LOG_LEVEL: 'silent' },
    });
    expect(quiet.text()).toBe('');
  });
});

describe('rapport import --url (POST through the server)', () => {
  it("creates rows as the key's actor: rows outside its record rule fail, the rest are kept", async () => {
    const { serveInProcess } = await import('../test-support/serve-harness.js');
    const p = await project('import-http');
    const admin = `rk_ImportAdmin1_${'g'.repeat(43)}`;
    const server = await serveInProcess(p, { RAPPORT_ADMIN_KEY: admin });
    try {
      const agent = JSON.parse(
        (
          await p.run([
            'keys',
            'create',
            '-n',
            'north',
            '-r',
            'agent',
            '-a',
            'team=north',
            '--json',
            '--url',
            server.url,
            '--admin-key',
            admin,
          ])
        ).stdout,
      ) as { key: string };
      await p.write(
        'deals.csv',
        'title,team,amount.amount,amount.currency\nMine,north,5,EUR\nTheirs,south,,\nBad,north,x,EUR\n',
      );
      const result = await p.run([
        'import',
        'deals',
        'deals.csv',
        '--url',
        server.url,
        '--key',
        agent.key,
        '--json',
      ]);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout)).toMatchObject({
        rows: 3,
        created: 1,
        errors: [
          { row: 2, line: 3, code: 'FORBIDDEN' },
          { row: 3, line: 4, code: 'VALIDATION_FAILED', errors: [{ path: 'amount.amount' }] },
        ],
      });
      await p.write('more.jsonl', '{"title":"Also mine","team":"north","colour":"red"}\n');
      const unknownField = await p.run(['import', 'deal', 'more.jsonl', '--json'], {
        env: { RAPPORT_URL: server.url, RAPPORT_KEY: agent.key },
      });
      expect(JSON.parse(unknownField.stdout).errors[0]).toMatchObject({
        row: 1,
        line: 1,
        code: 'VALIDATION_FAILED',
        errors: [{ path: 'colour' }],
      });
      // Nested 10,000 deep: one failed row, not an import stopped by the HTTP client's JSON.stringify.
      await p.write(
        'deep.jsonl',
        `{"title":"Deep","team":"north","meta":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}\n`,
      );
      const deep = await p.run(['import', 'deal', 'deep.jsonl', '--json'], {
        env: { RAPPORT_URL: server.url, RAPPORT_KEY: agent.key },
      });
      expect(JSON.parse(deep.stdout)).toMatchObject({
        rows: 1,
        created: 0,
        errors: [
          { row: 1, line: 1, code: 'VALIDATION_FAILED', errors: [{ path: 'meta', rule: 'maxDepth' }] },
        ],
      });
    } finally {
      await server.stop();
    }
    expect((await stored('import-http')).map((d) => d.title)).toEqual(['Mine']);
  });
});

describe('rapport import, interrupted', () => {
  it('stops between rows on SIGINT/SIGTERM (here an aborted signal), keeps what it wrote and exits 130', async () => {
    const p = await project('import-interrupted');
    await p.write('deals.csv', CSV);
    const controller = new AbortController();
    controller.abort();
    const result = await p.run(['import', 'deal', 'deals.csv'], { signal: controller.signal });
    expect(result.code).toBe(130);
    expect(result.stdout).toContain('0 of 0 row(s) imported into deals; 0 failed');
    expect(result.stderr).toBe(
      'error: interrupted after row 0: the rows before it are imported or reported, none is half-written (INTERRUPTED)\n',
    );
  });
});
