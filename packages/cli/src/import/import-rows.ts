import type { FieldError, RapportError } from '@rapport/core';
import { fieldErrorsOf, isRapportError } from '../errors.js';
import { RemoteError } from '../remote/api-client.js';
import type { RowSource } from '../rows/source-row.js';
import type { RowSink } from './row-sink.js';

/** A row that was not imported, and why. */
export interface RowFailure {
  row: number;
  line?: number;
  code: string;
  message: string;
  errors: FieldError[];
}

/** What an import did. */
export interface ImportSummary {
  /** Rows read (good and bad). */
  rows: number;
  created: number;
  failed: RowFailure[];
  /** Set when the import stopped early: the store or server became unusable, or too many rows failed. */
  aborted?: { afterRow: number; reason: string; error?: unknown };
}

/** Options of {@link importRows}. */
export interface ImportOptions {
  /** Stop after this many failed rows (default: never). */
  maxErrors?: number;
  /** Asked before each row; `true` stops the import there (Ctrl-C). */
  shouldStop?(): boolean;
  /** Called after each row with the source position. */
  onRow?(position: number, summary: ImportSummary): void;
}

/**
 * Is this failure about the row (a validation error, a conflict, a forbidden record), or about the
 * whole import (store or server unavailable, key refused, an unexpected bug)? The latter stops it.
 */
export function isRowError(error: unknown): boolean {
  if (!isRapportError(error)) return false;
  if (error.code === 'UNAVAILABLE' || error.code === 'STORE_UNAVAILABLE' || error.code === 'LIFECYCLE')
    return false;
  if (error instanceof RemoteError && (error.status === 401 || error.status >= 500)) return false;
  return true;
}

/**
 * Imports rows one at a time, each in its own transaction: a bad row writes nothing and is
 * reported with its row and line number and its field errors; good rows are kept. Rows are read
 * and written in order, so memory stays flat for any file size.
 */
export async function importRows(
  source: RowSource,
  sink: RowSink,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const summary: ImportSummary = { rows: 0, created: 0, failed: [] };
  for await (const item of source.rows) {
    if (options.shouldStop?.()) {
      summary.aborted = { afterRow: item.row - 1, reason: 'interrupted' };
      break;
    }
    summary.rows += 1;
    const where = { row: item.row, ...(item.line === undefined ? {} : { line: item.line }) };
    if (item.problem) {
      summary.failed.push({ ...where, ...item.problem });
    } else {
      try {
        await sink.create(item.record ?? {});
        summary.created += 1;
      } catch (error) {
        if (!isRowError(error)) {
          summary.rows -= 1;
          summary.aborted = { afterRow: item.row, reason: (error as Error).message ?? String(error), error };
          return summary;
        }
        const rapport = error as RapportError;
        summary.failed.push({
          ...where,
          code: rapport.code,
          message: rapport.message,
          errors: fieldErrorsOf(rapport),
        });
      }
    }
    options.onRow?.(item.position, summary);
    if (options.maxErrors !== undefined && summary.failed.length >= options.maxErrors) {
      summary.aborted = {
        afterRow: item.row,
        reason: `${summary.failed.length} row(s) failed (--max-errors ${options.maxErrors})`,
      };
      break;
    }
  }
  return summary;
}
