import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { RapportError, ValidationError } from '@rapport/core';
import { createJiti } from 'jiti';
import { isRapportError } from '../errors.js';
import type { RapportConfig } from './define-config.js';
import { checkSecret, validateConfig } from './validate-config.js';

/** The file names `loadConfig` looks for, in this order. */
export const CONFIG_FILE_NAMES = [
  'rapport.config.ts',
  'rapport.config.mts',
  'rapport.config.js',
  'rapport.config.mjs',
] as const;

/** A config read from disk: the file it came from and its validated contents. */
export interface LoadedConfig {
  /** Absolute path of the config file. */
  path: string;
  config: RapportConfig;
}

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Where to look for the file and what a relative `path` is relative to (default `process.cwd()`). */
  cwd?: string;
  /** Passed to a config function (default `process.env`). */
  env?: Record<string, string | undefined>;
}

/** Finds the config file: `path` when given (it must exist), else the first of {@link CONFIG_FILE_NAMES} in `cwd`. */
export function findConfigFile(path: string | undefined, cwd: string): string {
  if (path !== undefined) {
    const file = isAbsolute(path) ? path : resolve(cwd, path);
    if (!existsSync(file)) {
      throw new RapportError('CONFIG_NOT_FOUND', `config file ${file} does not exist`);
    }
    return file;
  }
  for (const name of CONFIG_FILE_NAMES) {
    const file = resolve(cwd, name);
    if (existsSync(file)) return file;
  }
  throw new RapportError(
    'CONFIG_NOT_FOUND',
    `no rapport.config.ts (or .mts, .js, .mjs) in ${cwd}; run \`rapport init\` to create one, or pass --config <file>`,
  );
}

/**
 * Loads `rapport.config.ts` (TypeScript is compiled on the fly by jiti), calls it with the
 * environment when it is a function, and checks its shape. The file may export `config` or a
 * default export.
 *
 * @example
 * ```ts
 * const { path, config } = await loadConfig(undefined, { cwd: process.cwd(), env: process.env });
 * ```
 */
export async function loadConfig(path?: string, options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const file = findConfigFile(path, cwd);
  let module: Record<string, unknown>;
  try {
    const jiti = createJiti(import.meta.url, { interopDefault: false });
    module = await jiti.import<Record<string, unknown>>(file);
  } catch (cause) {
    throw new RapportError(
      'CONFIG_LOAD_FAILED',
      `could not load ${file}: ${(cause as Error).message ?? cause}`,
      {
        cause,
      },
    );
  }
  const exported = module.config ?? module.default;
  if (exported === undefined) {
    throw new RapportError(
      'CONFIG_INVALID',
      `${file} exports no config: add \`export const config = defineConfig({ store, plugins })\``,
    );
  }
  let value: unknown = exported;
  const env = options.env ?? process.env;
  if (typeof exported === 'function') {
    try {
      value = await (exported as (env: Record<string, string | undefined>) => unknown)(env);
    } catch (cause) {
      if (isRapportError(cause)) throw cause;
      throw new RapportError(
        'CONFIG_INVALID',
        `the config function in ${file} threw: ${(cause as Error).message ?? cause}`,
        {
          cause,
        },
      );
    }
  }
  return { path: file, config: withEnvironmentSecret(validateConfig(value, file), env) };
}

/** The config with `RAPPORT_SECRET` as its secret when it names none itself; a bad one is refused here. */
function withEnvironmentSecret(
  config: RapportConfig,
  env: Record<string, string | undefined>,
): RapportConfig {
  const secret = env.RAPPORT_SECRET?.trim();
  if (config.secret !== undefined || !secret) return config;
  const problem = checkSecret(secret);
  if (problem) {
    throw new ValidationError('RAPPORT_SECRET cannot be used', [
      { path: 'RAPPORT_SECRET', rule: 'secret', message: problem },
    ]);
  }
  return { ...config, secret };
}
