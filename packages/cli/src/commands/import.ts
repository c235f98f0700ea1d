import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { RapportError } from '@rapport/core';
import type { Command } from 'commander';
import { type EntityInfo, findEntity, kernelEntities } from '../entities/entity-info.js';
import { UsageError } from '../errors.js';
import { FAILURE_HEADER, failureLines, reportJson, writeReport } from '../import/error-report.js';
import { type ImportSummary, importRows } from '../import/import-rows.js';
import { httpSink, kernelSink, type RowSink } from '../import/row-sink.js';
import { writeLine } from '../io.js';
import { createProgress } from '../output/progress.js';
import { formatTable } from '../output/table.js';
import { remoteEntities } from '../remote/remote-entities.js';
import { csvDelimiter } from '../rows/csv-delimiter.js';
import { readCsv } from '../rows/read-csv.js';
import { readJson } from '../rows/read-json.js';
import type { RowSource } from '../rows/source-row.js';
import { bootKernel, cliActor } from '../runtime/boot-kernel.js';
import { catchInterrupt, InterruptedError } from '../runtime/interrupt.js';
import { createCliLogger } from '../runtime/logger.js';
import {
  type CommandContext,
  type ConfigOptions,
  integerOption,
  loadCommandConfig,
  note,
  remoteClient,
  withConfigOptions,
} from './context.js';

interface ImportOptions extends ConfigOptions {
  format?: string;
  report?: string;
  allowErrors?: boolean;
  maxErrors?: number;
  url?: string;
  key?: string;
  json?: boolean;
  delimiter?: string;
  /** `--no-unescape-formulas` sets it false. */
  unescapeFormulas: boolean;
}

const SHOWN_FAILURES = 50;

/** The input format: `--format`, else the file extension (`.csv`, `.json`, `.jsonl`/`.ndjson`). */
export function importFormat(file: string, format: string | undefined): 'csv' | 'json' {
  const chosen = (format ?? extname(file).slice(1)).toLowerCase();
  if (chosen === 'csv') return 'csv';
  if (chosen === 'json' || chosen === 'jsonl' || chosen === 'ndjson') return 'json';
  throw new UsageError(
    format === undefined
      ? `cannot tell the format of ${file} from its extension: pass --format csv|json|jsonl`
      : `--format must be csv, json or jsonl (got ${JSON.stringify(format)})`,
  );
}

function readSource(
  file: string,
  format: 'csv' | 'json',
  entity: EntityInfo,
  options: ImportOptions,
): Promise<RowSource> {
  return format === 'csv'
    ? readCsv(file, entity, csvDelimiter(options.delimiter), { unescapeFormulas: options.unescapeFormulas })
    : readJson(file);
}

/**
 * `rapport import <entity> <file>`: creates one record per row, each in its own transaction; bad
 * rows are reported (row, line, field errors) and write nothing, good rows are kept.
 */
export function registerImport(program: Command, context: CommandContext): void {
  withConfigOptions(
    program
      .command('import')
      .description('create records from a CSV or JSON file; bad rows are reported, good rows kept')
      .argument('<entity>', 'entity name, plural or REST path (e.g. customer)')
      .argument('<file>', 'a .csv file with a header row, a .json array of objects, or .jsonl lines')
      .option('--format <format>', 'csv, json or jsonl (default: from the file extension)')
      .option('--delimiter <char>', 'CSV cell separator, e.g. ";" or "\\t" (default ",")')
      .option(
        '--no-unescape-formulas',
        "keep a leading ' that rapport export added to formula-like CSV text (default: remove it)",
      )
      .option('--report <file>', 'write failed rows to this file (.csv or .json) instead of printing them')
      .option('--allow-errors', 'exit 0 even when rows failed')
      .option('--max-errors <n>', 'stop after this many failed rows', integerOption(1))
      .option(
        '--url <url>',
        'POST through a running server (default: RAPPORT_URL) instead of opening the store',
      )
      .option('--key <key>', 'API key for --url (default: RAPPORT_KEY, RAPPORT_ADMIN_KEY)')
      .option('--json', 'print the summary and failures as JSON'),
  ).action(async (entityName: string, fileArgument: string, options: ImportOptions) => {
    const { io } = context;
    const file = resolve(io.cwd, fileArgument);
    if (!existsSync(file)) throw new RapportError('FILE_NOT_FOUND', `${file} does not exist`);
    const format = importFormat(file, options.format);
    const client = remoteClient(context, options.url, options.key, {
      flag: '--key',
      env: ['RAPPORT_KEY', 'RAPPORT_ADMIN_KEY'],
    });

    const importInto = async (entity: EntityInfo, sink: RowSink): Promise<ImportSummary> => {
      const source = await readSource(file, format, entity, options);
      const progress = createProgress({
        stream: io.stderr,
        quiet: options.quiet ?? false,
        total: source.total,
        format: `importing ${entity.plural} {bar} {percentage}% | {rows} rows | {failed} failed | {duration_formatted}`,
        payload: { rows: 0, failed: 0 },
      });
      const interrupt = catchInterrupt(io.signal);
      let summary: ImportSummary;
      try {
        summary = await importRows(source, sink, {
          ...(options.maxErrors === undefined ? {} : { maxErrors: options.maxErrors }),
          shouldStop: () => interrupt.requested,
          onRow: (position, s) => progress.update(position, { rows: s.rows, failed: s.failed.length }),
        });
        if (!summary.aborted) progress.update(source.total);
      } finally {
        interrupt.dispose();
        progress.stop();
      }
      for (const text of source.notes()) note(context, options, `note: ${text}`);
      return summary;
    };

    let entity: EntityInfo;
    let done: ImportSummary;
    if (client) {
      entity = findEntity(await remoteEntities(client), entityName);
      done = await importInto(entity, httpSink(client, entity));
    } else {
      const { config } = await loadCommandConfig(context, options);
      const logger = createCliLogger(config, { destination: io.stderr, env: io.env, defaultLevel: 'warn' });
      const kernel = await bootKernel(config, { logger, kernel: { jobs: { timer: false } } });
      try {
        entity = findEntity(kernelEntities(kernel), entityName);
        done = await importInto(entity, kernelSink(kernel, entity, cliActor()));
        await kernel.events.drain();
      } finally {
        await kernel.stop();
      }
    }
    const name = entity.name;
    if (options.report) await writeReport(resolve(io.cwd, options.report), file, name, done);
    if (options.json) {
      const { errors, ...counts } = reportJson(file, name, done);
      writeLine(
        io.stdout,
        JSON.stringify(options.report ? { ...counts, report: options.report } : { ...counts, errors }),
      );
    } else {
      writeLine(
        io.stdout,
        `${done.created} of ${done.rows} row(s) imported into ${entity.plural}; ${done.failed.length} failed`,
      );
      if (done.failed.length > 0 && options.report) {
        writeLine(io.stdout, `failed rows are listed in ${options.report}`);
      } else if (done.failed.length > 0) {
        const lines = failureLines(done.failed);
        for (const line of formatTable(FAILURE_HEADER, lines.slice(0, SHOWN_FAILURES), 80))
          writeLine(io.stdout, line);
        if (lines.length > SHOWN_FAILURES) {
          writeLine(
            io.stdout,
            `… and ${lines.length - SHOWN_FAILURES} more: pass --report errors.csv to get them all`,
          );
        }
      }
    }
    if (done.aborted) {
      if (done.aborted.error !== undefined) throw done.aborted.error;
      if (done.aborted.reason === 'interrupted') {
        throw new InterruptedError(
          `interrupted after row ${done.aborted.afterRow}: the rows before it are imported or reported, none is half-written`,
        );
      }
      throw new RapportError(
        'IMPORT_STOPPED',
        `the import stopped after row ${done.aborted.afterRow}: ${done.aborted.reason}`,
      );
    }
    if (done.failed.length > 0 && !options.allowErrors) context.exitCode = 1;
  });
}
