import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { registerApi } from './commands/api.js';
import type { CommandContext } from './commands/context.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/import.js';
import { registerInit } from './commands/init.js';
import { registerKeys } from './commands/keys.js';
import { registerMigrate } from './commands/migrate.js';
import { registerPlugin } from './commands/plugin.js';
import { registerSecret } from './commands/secret.js';
import { registerSeed } from './commands/seed.js';
import { registerServe } from './commands/serve.js';
import { registerUsers } from './commands/users.js';
import { EXIT, exitCodeOf, formatError } from './errors.js';
import type { CliIo } from './io.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** The `rapport` program with every command, writing to `context.io`. */
export function createProgram(context: CommandContext): Command {
  const { io } = context;
  const program = new Command('rapport')
    .description('Run and administer a Rapport CRM deployment (rapport.config.ts).')
    .version(version, '-v, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 ok, 1 failure (including rows that failed to import), 2 usage, 130 interrupted.',
        'Environment: PORT, HOST, RAPPORT_LOG_LEVEL, RAPPORT_ADMIN_KEY, RAPPORT_ADMIN_EMAIL, RAPPORT_ADMIN_PASSWORD, RAPPORT_SECRET, RAPPORT_URL, RAPPORT_KEY, RAPPORT_DEBUG=1 (stacks).',
      ].join('\n'),
    );
  registerInit(program, context);
  registerServe(program, context);
  registerKeys(program, context);
  registerUsers(program, context);
  registerImport(program, context);
  registerExport(program, context);
  registerMigrate(program, context);
  registerSeed(program, context);
  registerSecret(program, context);
  registerApi(program, context);
  registerPlugin(program, context);
  return program;
}

/**
 * Runs the `rapport` command line in-process and resolves with its exit code (0 ok, 1 failure,
 * 2 usage, 130 interrupted). Nothing calls `process.exit`, so tests and embedding tools can run commands and read
 * their output. Errors are printed as one `error: …` line (with stacks when `RAPPORT_DEBUG=1`).
 *
 * @example
 * ```ts
 * const code = await runCli(['export', 'customer', '--format', 'json'], { cwd: '/srv/crm' });
 * ```
 */
export async function runCli(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const context: CommandContext = {
    io: {
      stdout: io.stdout ?? process.stdout,
      stderr: io.stderr ?? process.stderr,
      env: io.env ?? process.env,
      cwd: io.cwd ?? process.cwd(),
      ...(io.signal ? { signal: io.signal } : {}),
      ...(io.stdin ? { stdin: io.stdin } : {}),
    },
    exitCode: EXIT.ok,
  };
  const program = createProgram(context);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    // commander has printed its own message (usage errors) or the help/version text.
    if (error instanceof CommanderError) return exitCodeOf(error);
    const debug = context.io.env.RAPPORT_DEBUG === '1' || context.io.env.RAPPORT_DEBUG === 'true';
    context.io.stderr.write(`${formatError(error, debug)}\n`);
    return exitCodeOf(error);
  }
}
