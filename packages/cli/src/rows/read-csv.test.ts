import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEAL_INFO } from '../test-support/deal-info.js';
import { readCsv } from './read-csv.js';
import type { SourceRow } from './source-row.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rapport-csv-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function rowsOf(text: string): Promise<SourceRow[]> {
  const file = join(dir, `${Math.random()}.csv`);
  await writeFile(file, text);
  const source = await readCsv(file, DEAL_INFO);
  const rows: SourceRow[] = [];
  for await (const row of source.rows) rows.push(row);
  return rows;
}

describe('readCsv', () => {
  it('turns rows into typed records, with row and line numbers (quoted cells may span lines)', async () => {
    const rows = await rowsOf(
      '\uFEFFtitle,team,amount.amount,amount.currency,won\r\nA,north,100,EUR,true\r\n\r\n"B\nsecond line",south,,,no\r\n',
    );
    expect(rows.map(({ row, line, record }) => ({ row, line, record }))).toEqual([
      {
        row: 1,
        line: 2,
        record: { title: 'A', team: 'north', amount: { amount: 100, currency: 'EUR' }, won: true },
      },
      { row: 2, line: 4, record: { title: 'B\nsecond line', team: 'south', won: false } },
    ]);
  });

  it('reports a row with the wrong number of cells, or cells of the wrong type, for that row only', async () => {
    const rows = await rowsOf('title,team,amount.amount\nA,north\nB,south,lots\nC,north,3\n');
    expect(rows[0]).toMatchObject({
      row: 1,
      line: 2,
      problem: { code: 'INVALID_ROW', message: 'the row has 2 cell(s) but the header has 3' },
    });
    expect(rows[1]).toMatchObject({
      row: 2,
      line: 3,
      problem: {
        code: 'VALIDATION_FAILED',
        errors: [{ path: 'amount.amount', message: 'must be an integer (got "lots")' }],
      },
    });
    expect(rows[2]).toMatchObject({
      row: 3,
      line: 4,
      record: { title: 'C', team: 'north', amount: { amount: 3 } },
    });
  });

  it('stops before reading any row when the header does not fit the entity', async () => {
    const file = join(dir, 'bad-header.csv');
    await writeFile(file, 'title,colour\nA,red\n');
    await expect(readCsv(file, DEAL_INFO)).rejects.toThrow(
      /the header of .* does not fit entity 'deal': column 'colour' is not a field of the entity/,
    );
  });

  it('ignores system columns with a note, so an export can be imported again', async () => {
    const file = join(dir, 'export.csv');
    await writeFile(file, 'id,title,team,version\nx1,A,north,3\n');
    const source = await readCsv(file, DEAL_INFO);
    const rows: SourceRow[] = [];
    for await (const row of source.rows) rows.push(row);
    expect(rows[0]?.record).toEqual({ title: 'A', team: 'north' });
    expect(source.notes()).toEqual(['ignoring system column(s) id, version: the store assigns them']);
  });

  it('refuses an empty file', async () => {
    const file = join(dir, 'empty.csv');
    await writeFile(file, '');
    await expect(readCsv(file, DEAL_INFO)).rejects.toThrow(/is empty: a CSV import needs a header row/);
  });
});

describe('CSV delimiters', () => {
  it('reads semicolon and tab separated files', async () => {
    const { csvDelimiter } = await import('./csv-delimiter.js');
    const file = join(dir, 'semicolon.csv');
    await writeFile(file, 'title;team;probability\nA;north;0.5\n');
    const source = await readCsv(file, DEAL_INFO, csvDelimiter(';'));
    const rows: SourceRow[] = [];
    for await (const row of source.rows) rows.push(row);
    expect(rows[0]?.record).toEqual({ title: 'A', team: 'north', probability: 0.5 });
    expect(csvDelimiter('\\t')).toBe('\t');
    expect(csvDelimiter(undefined)).toBe(',');
    expect(() => csvDelimiter(';;')).toThrow('--delimiter must be one character');
  });
});
