import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { type LoadedConfig, loadConfig } from '../config/load-config.js';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { ApiClient } from '../remote/api-client.js';

/** What every command gets: the I/O to use and where to leave its exit code. */
export interface CommandContext {
  io: CliIo;
  /** Set by a command that finished but failed (rows that did not import, a count mismatch). */
  exitCode: number;
}

/** Options every command that reads the config takes. */
export interface ConfigOptions {
  config?: string;
  quiet?: boolean;
}

/** Adds `-c, --config <file>` and `-q, --quiet`. */
export function withConfigOptions(command: Command): Command {
  return command
    .option(
      '-c, --config <file>',
      'the config file (default: rapport.config.ts|mts|js|mjs in the current directory)',
    )
    .option('-q, --quiet', 'no progress bars or notes on stderr');
}

/** Loads the config named by `--config`, or found in the current directory. */
export function loadCommandConfig(context: CommandContext, options: ConfigOptions): Promise<LoadedConfig> {
  return loadConfig(options.config, { cwd: context.io.cwd, env: context.io.env });
}

/** Writes a note to stderr unless `--quiet`. */
export function note(context: CommandContext, options: { quiet?: boolean }, text: string): void {
  if (!options.quiet) context.io.stderr.write(`${text}\n`);
}

/** Parses a whole number option within bounds (commander reports the bad value as a usage error). */
export function integerOption(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        `must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}.`,
      );
    }
    return n;
  };
}

/** Collects a repeatable option into a list (`--role admin --role agent`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Options of commands that can go through a running server. */
export interface RemoteOptions {
  url?: string;
  key?: string;
}

/**
 * The client for HTTP mode, when `--url` (or `RAPPORT_URL`) is given; `undefined` for direct mode.
 * A URL without a key is a usage error naming where the key may come from.
 */
export function remoteClient(
  context: CommandContext,
  url: string | undefined,
  key: string | undefined,
  keySources: { flag: string; env: string[] },
): ApiClient | undefined {
  const base = url ?? (context.io.env.RAPPORT_URL || undefined);
  if (base === undefined) return undefined;
  const token = key ?? keySources.env.map((name) => context.io.env[name]).find((value) => value);
  if (!token) {
    throw new UsageError(
      `--url needs an API key: pass ${keySources.flag} <key> or set ${keySources.env.join(' or ')}`,
    );
  }
  return new ApiClient(base, token);
}
