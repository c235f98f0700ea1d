import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { writeLine } from '../io.js';
import { defaultPluginDir, scaffoldPlugin } from '../scaffold/scaffold-plugin.js';
import type { CommandContext } from './context.js';

interface PluginNewOptions {
  dir?: string;
  quiet?: boolean;
}

/** `rapport plugin new <name> [--dir <path>]`: scaffolds a plugin package whose tests pass. */
export function registerPlugin(program: Command, context: CommandContext): void {
  const plugin = program.command('plugin').description('work on plugin packages');
  plugin
    .command('new')
    .description('scaffold a plugin package: an entity, a rule, a route, views, a metric and their tests')
    .argument('<name>', 'its npm package name, e.g. @acme/rapport-plugin-warranty')
    .option(
      '-d, --dir <path>',
      'where to create it (default: plugins/<name> in the Rapport repository, else ./<name>)',
    )
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (name: string, options: PluginNewOptions) => {
      const { io } = context;
      const dir = options.dir ? resolve(io.cwd, options.dir) : defaultPluginDir(io.cwd, name);
      const made = await scaffoldPlugin(name, dir);
      if (options.quiet) return;
      const shown = relative(io.cwd, dir) || '.';
      writeLine(
        io.stdout,
        `Created ${made.names.packageName} (plugin id '${made.names.pluginId}') in ${shown}:`,
      );
      for (const file of made.files) writeLine(io.stdout, `  ${file}`);
      writeLine(io.stdout);
      writeLine(io.stdout, 'Next steps:');
      if (made.workspaceRoot) {
        writeLine(
          io.stdout,
          '  pnpm install                                 # at the repository root: links workspace:*',
        );
        writeLine(io.stdout, `  pnpm --filter ${made.names.packageName} test`);
      } else {
        if (shown !== '.') writeLine(io.stdout, `  cd ${shown}`);
        writeLine(io.stdout, '  pnpm install');
        writeLine(io.stdout, '  pnpm test && pnpm typecheck');
      }
      writeLine(
        io.stdout,
        `  add ${made.names.pluginId}() to the plugins of rapport.config.ts, then rapport serve`,
      );
    });
}
