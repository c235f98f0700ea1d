import { stringify } from 'csv-stringify/sync';
import { type OutputStream, writeChunk } from '../io.js';
import { flattenRecord } from '../rows/flatten-record.js';
import { escapeFormula } from '../rows/formula-escape.js';

/** The export formats. */
export const EXPORT_FORMATS = ['csv', 'json', 'jsonl'] as const;
/** One of {@link EXPORT_FORMATS}. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Writes exported records to a stream in one format. */
export interface RecordWriter {
  write(record: Record<string, unknown>): Promise<void>;
  end(): Promise<void>;
  /** Records that held values no CSV column could take (open nested objects). */
  readonly dropped: number;
}

/**
 * A writer for `format`: `csv` (header of dotted columns, arrays and free-form objects as JSON
 * cells, text that a spreadsheet would run as a formula quoted unless `escapeFormulas` is false), `json` (one array, written as it streams) or `jsonl` (one object per line).
 */
export function createRecordWriter(
  format: ExportFormat,
  out: OutputStream,
  columns: readonly string[],
  delimiter = ',',
  options: { escapeFormulas?: boolean } = {},
): RecordWriter {
  const text = (options.escapeFormulas ?? true) ? escapeFormula : (value: string) => value;
  let count = 0;
  let dropped = 0;
  const known = new Set(columns);
  if (format === 'csv') {
    let started = false;
    const header = async () => {
      if (!started) await writeChunk(out, stringify([[...columns]], { delimiter }));
      started = true;
    };
    return {
      get dropped() {
        return dropped;
      },
      async write(record) {
        await header();
        const row = flattenRecord(record, columns, known, text);
        if (row.dropped) dropped += 1;
        await writeChunk(out, stringify([row.cells], { delimiter }));
      },
      end: header,
    };
  }
  if (format === 'jsonl') {
    return {
      dropped: 0,
      write: (record) => writeChunk(out, `${JSON.stringify(record)}\n`),
      async end() {},
    };
  }
  return {
    dropped: 0,
    async write(record) {
      await writeChunk(out, `${count === 0 ? '[\n' : ',\n'}${JSON.stringify(record)}`);
      count += 1;
    },
    async end() {
      await writeChunk(out, count === 0 ? '[]\n' : '\n]\n');
    },
  };
}
