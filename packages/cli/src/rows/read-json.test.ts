import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson } from './read-json.js';
import type { RowSource, SourceRow } from './source-row.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rapport-json-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function read(text: string): Promise<{ source: RowSource; rows: SourceRow[] }> {
  const file = join(dir, `${Math.random()}.json`);
  await writeFile(file, text);
  const source = await readJson(file);
  const rows: SourceRow[] = [];
  for await (const row of source.rows) rows.push(row);
  return { source, rows };
}

describe('readJson', () => {
  it('reads a JSON array of objects; a non-object item is a problem row', async () => {
    const { source, rows } = await read('  [{"title":"A","id":"x"}, 7, {"title":"B"}]');
    expect(source.unit).toBe('rows');
    expect(rows).toEqual([
      { row: 1, record: { title: 'A' }, position: 1 },
      {
        row: 2,
        problem: { code: 'INVALID_ROW', message: 'the row is number, not a JSON object', errors: [] },
        position: 2,
      },
      { row: 3, record: { title: 'B' }, position: 3 },
    ]);
    expect(source.notes()).toEqual(['ignoring system field(s) id: the store assigns them']);
  });

  it('refuses a JSON array that does not parse', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, '[{"title":');
    await expect(readJson(file)).rejects.toThrow(/is not valid JSON/);
  });

  it('reads JSON lines, reporting a line that does not parse by its line number', async () => {
    const { rows } = await read('{"title":"A"}\n\n{"title":\n["x"]\n{"title":"D"}\n');
    expect(
      rows.map(({ row, line, record, problem }) => ({ row, line, record, code: problem?.code })),
    ).toEqual([
      { row: 1, line: 1, record: { title: 'A' }, code: undefined },
      { row: 2, line: 3, record: undefined, code: 'INVALID_JSON' },
      { row: 3, line: 4, record: undefined, code: 'INVALID_ROW' },
      { row: 4, line: 5, record: { title: 'D' }, code: undefined },
    ]);
  });
});
