import type { FieldError } from '@rapport/core';

/** Why a row of the file could not become a record (before anything was written). */
export interface RowProblem {
  code: string;
  message: string;
  errors: FieldError[];
}

/** One row read from an import file: a record to create, or a problem to report. */
export interface SourceRow {
  /** 1-based position among the data rows (the CSV header is not a row). */
  row: number;
  /** 1-based line of the file where the row starts (CSV and JSON lines; absent in a JSON array). */
  line?: number;
  record?: Record<string, unknown>;
  problem?: RowProblem;
  /** Progress after this row, in the source's unit. */
  position: number;
}

/** The rows of an import file. */
export interface RowSource {
  /** Size of the whole source, in `unit`s (for the progress bar). */
  total: number;
  unit: 'bytes' | 'rows';
  /** Remarks for the user (system columns ignored, ...), complete once every row was read. */
  notes(): string[];
  rows: AsyncIterable<SourceRow>;
}
