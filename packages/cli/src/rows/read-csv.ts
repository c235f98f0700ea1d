import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { RapportError } from '@rapport/core';
import { type CsvError, type Info, parse } from 'csv-parse';
import type { EntityInfo } from '../entities/entity-info.js';
import { buildRecord } from './build-record.js';
import { type ImportColumn, planColumns } from './columns.js';
import { depthProblem } from './depth-problem.js';
import { unescapeFormula } from './formula-escape.js';
import type { RowProblem, RowSource, SourceRow } from './source-row.js';

interface ParsedRecord {
  record: string[];
  info: Info;
  raw: string;
}

/** The line a record starts on: csv-parse reports the line it ends on; quoted cells may span lines. */
function startLine(parsed: ParsedRecord): number {
  const body = parsed.raw.replace(/^(\r?\n)+/, '').replace(/\r?\n$/, '');
  const inner = body.split('\n').length - 1;
  return parsed.info.lines - inner;
}

/**
 * Reads a CSV file for import: the first row is the header (dotted names fill nested objects), each
 * further row becomes a record converted by the entity's schema. Unknown or clashing columns stop
 * the import before any row is read; a malformed row or a bad cell is reported for that row only.
 * Text cells quoted by `rapport export`'s formula escaping are unquoted unless `unescapeFormulas`
 * is false.
 */
export async function readCsv(
  file: string,
  entity: EntityInfo,
  delimiter = ',',
  options: { unescapeFormulas?: boolean } = {},
): Promise<RowSource> {
  const text = (options.unescapeFormulas ?? true) ? unescapeFormula : undefined;
  const { size } = await stat(file);
  const skipped: RowProblem[] = [];
  const skippedLines: number[] = [];
  const parser = createReadStream(file).pipe(
    parse({
      bom: true,
      delimiter,
      info: true,
      raw: true,
      skip_empty_lines: true,
      relax_column_count: true,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined) => {
        if (!error) return undefined;
        skipped.push({ code: error.code, message: error.message, errors: [] });
        skippedLines.push((error as unknown as { lines?: number }).lines ?? 0);
        return undefined;
      },
    }),
  );
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<ParsedRecord>;
  const first = await iterator.next();
  if (first.done) {
    parser.destroy();
    throw new RapportError('INVALID_FILE', `${file} is empty: a CSV import needs a header row`);
  }
  const header = first.value.record;
  const plan = planColumns(header, entity.inputSchema);
  if (plan.problems.length > 0) {
    parser.destroy();
    throw new RapportError(
      'INVALID_FILE',
      `the header of ${file} does not fit entity '${entity.name}': ${plan.problems.join('; ')}`,
      { details: { problems: plan.problems } },
    );
  }
  const notes =
    plan.ignored.length > 0
      ? [`ignoring system column(s) ${plan.ignored.join(', ')}: the store assigns them`]
      : [];
  return {
    total: size,
    unit: 'bytes',
    notes: () => notes,
    rows: csvRows(iterator, plan.columns, header.length, skipped, skippedLines, text),
  };
}

async function* csvRows(
  iterator: AsyncIterator<ParsedRecord>,
  columns: ImportColumn[],
  width: number,
  skipped: RowProblem[],
  skippedLines: number[],
  text: ((cell: string) => string) | undefined,
): AsyncGenerator<SourceRow> {
  let row = 0;
  let position = 0;
  const flushSkipped = function* (): Generator<SourceRow> {
    while (skipped.length > 0) {
      row += 1;
      const problem = skipped.shift() as RowProblem;
      const line = skippedLines.shift() ?? 0;
      yield { row, ...(line > 0 ? { line } : {}), problem, position };
    }
  };
  for (;;) {
    const next = await iterator.next();
    yield* flushSkipped();
    if (next.done) break;
    const parsed = next.value;
    row += 1;
    position = parsed.info.bytes;
    const line = startLine(parsed);
    if (parsed.record.length !== width) {
      yield {
        row,
        line,
        position,
        problem: {
          code: 'INVALID_ROW',
          message: `the row has ${parsed.record.length} cell(s) but the header has ${width}`,
          errors: [],
        },
      };
      continue;
    }
    const { record, errors } = buildRecord(columns, parsed.record, text);
    const problem: RowProblem | undefined =
      errors.length > 0
        ? { code: 'VALIDATION_FAILED', message: 'cells do not fit the schema', errors }
        : depthProblem(record);
    yield problem ? { row, line, position, problem } : { row, line, position, record };
  }
}
