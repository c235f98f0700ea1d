import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { RapportError } from '@rapport/core';
import type { Command } from 'commander';
import { CONFIG_FILE_NAMES } from '../config/load-config.js';
import { CONFIG_TEMPLATE } from '../init/config-template.js';
import { writeLine } from '../io.js';
import type { CommandContext } from './context.js';

interface InitOptions {
  force?: boolean;
  quiet?: boolean;
}

/** `rapport init [dir]`: writes a commented `rapport.config.ts` and prints the next steps. */
export function registerInit(program: Command, context: CommandContext): void {
  program
    .command('init')
    .description('scaffold rapport.config.ts for a new deployment')
    .argument('[dir]', 'where to write it', '.')
    .option('-f, --force', 'overwrite an existing config file')
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (dir: string, options: InitOptions) => {
      const { io } = context;
      const target = resolve(io.cwd, dir);
      const file = resolve(target, 'rapport.config.ts');
      const existing = CONFIG_FILE_NAMES.map((name) => resolve(target, name)).find((path) =>
        existsSync(path),
      );
      if (existing && !options.force) {
        throw new RapportError('CONFIG_EXISTS', `${existing} already exists: pass --force to overwrite it`);
      }
      await mkdir(target, { recursive: true });
      await writeFile(file, CONFIG_TEMPLATE);
      if (options.quiet) return;
      const shown = relative(io.cwd, file) || file;
      const cd = relative(io.cwd, target);
      writeLine(io.stdout, `Wrote ${shown}`);
      writeLine(io.stdout);
      writeLine(io.stdout, 'Next steps:');
      if (cd) writeLine(io.stdout, `  cd ${cd}`);
      writeLine(
        io.stdout,
        '  pnpm add @rapport/cli @rapport/core       # if the project does not have them yet',
      );
      writeLine(io.stdout, '  edit rapport.config.ts                    # pick a store, add plugins');
      writeLine(
        io.stdout,
        '  rapport serve                             # prints an admin key on the first start',
      );
      writeLine(io.stdout, '  rapport keys create --name ops --role admin');
    });
}
