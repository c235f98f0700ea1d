import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { RapportError, type Where } from '@rapport/core';
import type { Command } from 'commander';
import { type EntityInfo, findEntity, kernelEntities } from '../entities/entity-info.js';
import { UsageError } from '../errors.js';
import { httpSource, kernelSource, type RecordSource } from '../export/record-source.js';
import { createRecordWriter, EXPORT_FORMATS, type ExportFormat } from '../export/record-writer.js';
import { type FileOutput, openFileOutput } from '../output/file-output.js';
import { createProgress } from '../output/progress.js';
import { remoteEntities } from '../remote/remote-entities.js';
import { exportColumns } from '../rows/columns.js';
import { csvDelimiter } from '../rows/csv-delimiter.js';
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

interface ExportOptions extends ConfigOptions {
  format: string;
  where?: string;
  out?: string;
  pageSize: number;
  url?: string;
  key?: string;
  delimiter?: string;
  /** `--no-escape-formulas` sets it false. */
  escapeFormulas: boolean;
}

/** Parses `--where '<json>'` (the query language's where object). */
export function parseWhere(text: string | undefined): Where | undefined {
  if (text === undefined) return undefined;
  let where: unknown;
  try {
    where = JSON.parse(text);
  } catch (cause) {
    throw new UsageError(
      `--where must be a JSON object such as '{"status":"open"}': ${(cause as Error).message}`,
    );
  }
  if (typeof where !== 'object' || where === null || Array.isArray(where)) {
    throw new UsageError(`--where must be a JSON object such as '{"status":"open"}'`);
  }
  return where as Where;
}

function exportFormat(text: string): ExportFormat {
  if ((EXPORT_FORMATS as readonly string[]).includes(text)) return text as ExportFormat;
  throw new UsageError(`--format must be ${EXPORT_FORMATS.join(', ')} (got ${JSON.stringify(text)})`);
}

/**
 * `rapport export <entity>`: every matching record, paged with the cursor, as CSV (dotted columns),
 * JSON or JSON lines, to stdout or atomically to `--out`. Direct mode reads as the system; `--url`
 * mode reads with a key, so its permissions and record rules decide what is exported.
 */
export function registerExport(program: Command, context: CommandContext): void {
  withConfigOptions(
    program
      .command('export')
      .description('write records as CSV, JSON or JSON lines')
      .argument('<entity>', 'entity name, plural or REST path (e.g. customer)')
      .option('-f, --format <format>', `${EXPORT_FORMATS.join(', ')}`, 'csv')
      .option('-w, --where <json>', `a filter in the query language, e.g. '{"status":"open"}'`)
      .option(
        '-o, --out <file>',
        'write to this file (replaced only when the export completes); default stdout',
      )
      .option('--delimiter <char>', 'CSV cell separator, e.g. ";" or "\\t" (default ",")')
      .option(
        '--no-escape-formulas',
        "write CSV text verbatim, even cells a spreadsheet would run as formulas (default: quote them with ')",
      )
      .option('--page-size <n>', 'records per page', integerOption(1, 10_000), 500)
      .option('--url <url>', 'read through a running server (default: RAPPORT_URL) with --key')
      .option('--key <key>', 'API key for --url (default: RAPPORT_KEY, RAPPORT_ADMIN_KEY)'),
  ).action(async (entityName: string, options: ExportOptions) => {
    const { io } = context;
    const format = exportFormat(options.format);
    const where = parseWhere(options.where);
    const delimiter = csvDelimiter(options.delimiter);
    const outPath = options.out === undefined ? undefined : resolve(io.cwd, options.out);
    if (outPath && !(await stat(dirname(outPath)).catch(() => undefined))?.isDirectory()) {
      throw new RapportError('FILE_NOT_FOUND', `the folder of ${outPath} does not exist`);
    }
    const client = remoteClient(context, options.url, options.key, {
      flag: '--key',
      env: ['RAPPORT_KEY', 'RAPPORT_ADMIN_KEY'],
    });

    const write = async (entity: EntityInfo, source: RecordSource): Promise<void> => {
      // Count first: a bad query fails here, before any file exists.
      const total = await source.count();
      const file: FileOutput | undefined = outPath ? openFileOutput(outPath) : undefined;
      const out = file?.stream ?? io.stdout;
      const writer = createRecordWriter(format, out, exportColumns(entity.schema), delimiter, {
        escapeFormulas: options.escapeFormulas,
      });
      const progress = createProgress({
        stream: io.stderr,
        quiet: options.quiet ?? false,
        total: total ?? 0,
        format: `exporting ${entity.plural} {bar} {percentage}% | {value}/{total} | {duration_formatted}`,
      });
      let written = 0;
      const interrupt = catchInterrupt(io.signal);
      try {
        for await (const page of source.pages()) {
          if (interrupt.requested) {
            throw new InterruptedError(
              `interrupted after ${written} record(s)${outPath ? `: ${options.out} was not written` : ''}`,
            );
          }
          for (const record of page) await writer.write(record);
          written += page.length;
          if (total !== undefined && written > total) progress.setTotal(written);
          progress.update(written);
        }
        await writer.end();
        await file?.commit();
      } catch (error) {
        await file?.discard();
        throw error;
      } finally {
        interrupt.dispose();
        progress.stop();
      }
      if (writer.dropped > 0) {
        note(
          context,
          options,
          `note: ${writer.dropped} record(s) held nested values with no CSV column; use --format json to keep them`,
        );
      }
      if (outPath) note(context, options, `exported ${written} ${entity.plural} to ${options.out}`);
    };

    if (client) {
      const entity = findEntity(await remoteEntities(client), entityName);
      await write(entity, httpSource(client, entity, where, options.pageSize));
      return;
    }
    const { config } = await loadCommandConfig(context, options);
    const logger = createCliLogger(config, { destination: io.stderr, env: io.env, defaultLevel: 'warn' });
    const kernel = await bootKernel(config, { logger, kernel: { jobs: { timer: false } } });
    try {
      const entity = findEntity(kernelEntities(kernel), entityName);
      await write(entity, kernelSource(kernel, entity, cliActor(), where, options.pageSize));
    } finally {
      await kernel.stop();
    }
  });
}
