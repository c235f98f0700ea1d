import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { ImportSummary, RowFailure } from './import-rows.js';

/** One line per field error (or one per failed row without field errors): row, line, code, field, message. */
export function failureLines(failures: RowFailure[]): string[][] {
  const lines: string[][] = [];
  for (const failure of failures) {
    const base = [String(failure.row), failure.line === undefined ? '' : String(failure.line), failure.code];
    if (failure.errors.length === 0) lines.push([...base, '', failure.message]);
    for (const error of failure.errors) lines.push([...base, error.path, error.message]);
  }
  return lines;
}

/** The header of {@link failureLines}. */
export const FAILURE_HEADER = ['row', 'line', 'code', 'field', 'message'];

/** What a JSON report holds: the summary and every failed row with its field errors. */
export function reportJson(file: string, entity: string, summary: ImportSummary): Record<string, unknown> {
  return {
    file,
    entity,
    rows: summary.rows,
    created: summary.created,
    failed: summary.failed.length,
    ...(summary.aborted
      ? { aborted: { afterRow: summary.aborted.afterRow, reason: summary.aborted.reason } }
      : {}),
    errors: summary.failed,
  };
}

/** Writes the error report: CSV when the file name ends in `.csv`, JSON otherwise. */
export async function writeReport(
  path: string,
  file: string,
  entity: string,
  summary: ImportSummary,
): Promise<void> {
  const text =
    extname(path).toLowerCase() === '.csv'
      ? stringify([FAILURE_HEADER, ...failureLines(summary.failed)])
      : `${JSON.stringify(reportJson(file, entity, summary), null, 2)}\n`;
  await writeFile(path, text);
}
