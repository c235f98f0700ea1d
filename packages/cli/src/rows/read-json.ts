import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { isSystemField, RapportError } from '@rapport/core';
import { depthProblem } from './depth-problem.js';
import type { RowProblem, RowSource, SourceRow } from './source-row.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Strips system fields (the store assigns them) and remembers which were seen. */
function withoutSystemFields(record: Record<string, unknown>, seen: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (isSystemField(key)) seen.add(key);
    else out[key] = value;
  }
  return out;
}

function notRecord(value: unknown): RowProblem {
  const what = Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value;
  return { code: 'INVALID_ROW', message: `the row is ${what}, not a JSON object`, errors: [] };
}

/** A parsed row as a record to create, or the problem that keeps it from being one. */
function rowOf(
  value: unknown,
  seen: Set<string>,
): { record: Record<string, unknown> } | { problem: RowProblem } {
  if (!isObject(value)) return { problem: notRecord(value) };
  const problem = depthProblem(value);
  return problem ? { problem } : { record: withoutSystemFields(value, seen) };
}

async function firstCharacter(file: string): Promise<string | undefined> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer
      .toString('utf8', 0, bytesRead)
      .replace(/^\uFEFF/, '')
      .trimStart()[0];
  } finally {
    await handle.close();
  }
}

/**
 * Reads a JSON import file: a JSON array of objects, or JSON lines (one object per line). In JSON
 * lines a line that does not parse is reported for that line only; a JSON array must parse whole.
 * System fields (`id`, `createdAt`, `updatedAt`, `version`) are dropped: the store assigns them.
 * A row nesting deeper than `MAX_JSON_DEPTH` levels is reported for that row only.
 */
export async function readJson(file: string): Promise<RowSource> {
  const seen = new Set<string>();
  const notes = () =>
    seen.size > 0 ? [`ignoring system field(s) ${[...seen].join(', ')}: the store assigns them`] : [];
  if ((await firstCharacter(file)) === '[') {
    let items: unknown;
    try {
      items = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
    } catch (cause) {
      throw new RapportError('INVALID_FILE', `${file} is not valid JSON: ${(cause as Error).message}`, {
        cause,
      });
    }
    const list = items as unknown[];
    const rows: SourceRow[] = list.map((item, i) => ({ row: i + 1, ...rowOf(item, seen), position: i + 1 }));
    return { total: list.length, unit: 'rows', notes, rows: arrayRows(rows) };
  }
  const { size } = await stat(file);
  return { total: size, unit: 'bytes', notes, rows: jsonLines(file, seen) };
}

async function* arrayRows(rows: SourceRow[]): AsyncGenerator<SourceRow> {
  yield* rows;
}

async function* jsonLines(file: string, seen: Set<string>): AsyncGenerator<SourceRow> {
  const lines = createInterface({
    input: createReadStream(file, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  let row = 0;
  let position = 0;
  for await (const text of lines) {
    line += 1;
    position += Buffer.byteLength(text) + 1;
    const trimmed = (line === 1 ? text.replace(/^\uFEFF/, '') : text).trim();
    if (trimmed === '') continue;
    row += 1;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (cause) {
      yield {
        row,
        line,
        position,
        problem: {
          code: 'INVALID_JSON',
          message: `the line is not valid JSON: ${(cause as Error).message}`,
          errors: [],
        },
      };
      continue;
    }
    yield { row, line, position, ...rowOf(value, seen) };
  }
}
