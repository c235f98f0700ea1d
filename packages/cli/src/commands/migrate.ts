import { type DataStore, type MigrationReport, memoryStore, migrateStore } from '@rapport/core';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { writeLine } from '../io.js';
import { createProgress } from '../output/progress.js';
import { formatTable } from '../output/table.js';
import { composeKernel, createStore } from '../runtime/boot-kernel.js';
import { createCliLogger } from '../runtime/logger.js';
import {
  createStoreFromSpec,
  describeStoreSpec,
  parseStoreSpec,
  STORE_SPEC_FORMS,
} from '../stores/store-spec.js';
import {
  type CommandContext,
  type ConfigOptions,
  integerOption,
  loadCommandConfig,
  withConfigOptions,
} from './context.js';

interface MigrateOptions extends ConfigOptions {
  from: string;
  to: string;
  batchSize: number;
  json?: boolean;
}

/** The per-collection counts of a migration as table rows. */
export function reportRows(report: MigrationReport): string[][] {
  return report.collections.map((c) => [
    c.name,
    String(c.source),
    String(c.target),
    c.source === c.target ? 'ok' : 'MISMATCH',
  ]);
}

/**
 * `rapport migrate --from <store> --to <store>`: copies every collection of the deployment (the
 * config's plugins define them) into an empty target store, with a progress bar and a final count
 * per collection; any mismatch fails the command.
 */
export function registerMigrate(program: Command, context: CommandContext): void {
  withConfigOptions(
    program
      .command('migrate')
      .description('copy every record from one store to another (the target must be empty)')
      .option('--from <store>', `source: ${STORE_SPEC_FORMS}`, 'config')
      .requiredOption('--to <store>', `target: ${STORE_SPEC_FORMS}`)
      .option(
        '--batch-size <n>',
        'records per read and per target transaction',
        integerOption(1, 100_000),
        500,
      )
      .option('--json', 'print the report as JSON'),
  ).action(async (options: MigrateOptions) => {
    const { io } = context;
    const fromSpec = parseStoreSpec(options.from);
    const toSpec = parseStoreSpec(options.to);
    if (
      fromSpec.kind === toSpec.kind &&
      describeStoreSpec(fromSpec) === describeStoreSpec(toSpec) &&
      fromSpec.kind !== 'memory'
    ) {
      throw new UsageError('--from and --to name the same store');
    }
    const { config } = await loadCommandConfig(context, options);
    const logger = createCliLogger(config, { destination: io.stderr, env: io.env, defaultLevel: 'warn' });
    // The schema comes from the config's plugins; this kernel is never started and its store never opened.
    const { storeSchema } = await composeKernel(config, { logger, store: memoryStore() });
    const from: DataStore = await createStoreFromSpec(fromSpec, io.cwd, () => createStore(config));
    const to: DataStore = await createStoreFromSpec(toSpec, io.cwd, () => createStore(config));
    const progress = createProgress({
      stream: io.stderr,
      quiet: options.quiet ?? false,
      total: 1,
      format: 'copying {collection} {bar} {value}/{total} | {duration_formatted}',
      payload: { collection: '' },
    });
    let report: MigrationReport;
    try {
      report = await migrateStore(from, to, storeSchema, {
        batchSize: options.batchSize,
        onProgress: ({ collection, copied, total }) => {
          progress.setTotal(total);
          progress.update(copied, { collection });
        },
      });
    } finally {
      progress.stop();
    }
    if (options.json) {
      writeLine(
        io.stdout,
        JSON.stringify({ from: describeStoreSpec(fromSpec), to: describeStoreSpec(toSpec), ...report }),
      );
    } else {
      for (const line of formatTable(['collection', 'source', 'target', 'check'], reportRows(report)))
        writeLine(io.stdout, line);
      writeLine(
        io.stdout,
        `copied ${report.records} record(s) from ${describeStoreSpec(fromSpec)} to ${describeStoreSpec(toSpec)} in ${Math.round(report.ms)} ms`,
      );
    }
    if (report.collections.some((c) => c.source !== c.target)) context.exitCode = 1;
  });
}
