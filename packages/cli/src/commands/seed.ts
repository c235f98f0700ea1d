import type { Command } from 'commander';
import { writeLine } from '../io.js';
import { bootKernel } from '../runtime/boot-kernel.js';
import { createCliLogger } from '../runtime/logger.js';
import {
  type CommandContext,
  type ConfigOptions,
  loadCommandConfig,
  note,
  withConfigOptions,
} from './context.js';

/** `rapport seed`: runs the config's `seed(kernel)` on a started kernel, then delivers its events. */
export function registerSeed(program: Command, context: CommandContext): void {
  withConfigOptions(
    program.command('seed').description("load demo data with the config's seed function"),
  ).action(async (options: ConfigOptions) => {
    const { io } = context;
    const { config, path } = await loadCommandConfig(context, options);
    if (!config.seed) {
      note(context, options, `nothing to seed: ${path} has no seed function`);
      return;
    }
    const logger = createCliLogger(config, { destination: io.stderr, env: io.env, defaultLevel: 'warn' });
    const kernel = await bootKernel(config, { logger, kernel: { jobs: { timer: false } } });
    try {
      await config.seed(kernel);
      await kernel.events.drain();
    } finally {
      await kernel.stop();
    }
    if (!options.quiet) writeLine(io.stdout, 'seeded');
  });
}
