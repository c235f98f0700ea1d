import type { Actor, Kernel } from '@rapport/core';
import type { Command } from 'commander';
import type { ApiClient } from '../remote/api-client.js';
import { bootKernel, cliActor } from '../runtime/boot-kernel.js';
import { createCliLogger } from '../runtime/logger.js';
import {
  type CommandContext,
  type ConfigOptions,
  loadCommandConfig,
  remoteClient,
  withConfigOptions,
} from './context.js';

/** Options of the administration commands (`rapport keys`, `rapport users`). */
export interface AdminOptions extends ConfigOptions {
  url?: string;
  adminKey?: string;
  json?: boolean;
}

/** How to make an administrator of one kind: on a started kernel, or through a server. */
export interface AdminFactory<A> {
  direct(kernel: Kernel, actor: Actor): A;
  http(client: ApiClient): A;
}

/**
 * Runs `fn` with an administrator: through the server when `--url`/`RAPPORT_URL` is given (with
 * `--admin-key`/`RAPPORT_ADMIN_KEY`), otherwise directly on the config's store (the kernel is
 * started for the call and stopped after it), acting as the CLI's system actor.
 */
export async function withAdmin<A, R>(
  context: CommandContext,
  options: AdminOptions,
  factory: AdminFactory<A>,
  fn: (admin: A) => Promise<R>,
): Promise<R> {
  const client = remoteClient(context, options.url, options.adminKey, {
    flag: '--admin-key',
    env: ['RAPPORT_ADMIN_KEY'],
  });
  if (client) return fn(factory.http(client));
  const { config } = await loadCommandConfig(context, options);
  const logger = createCliLogger(config, {
    destination: context.io.stderr,
    env: context.io.env,
    defaultLevel: 'warn',
  });
  const kernel: Kernel = await bootKernel(config, { logger, kernel: { jobs: { timer: false } } });
  try {
    return await fn(factory.direct(kernel, cliActor()));
  } finally {
    await kernel.stop();
  }
}

/** Adds the config options and `--url`, `--admin-key`, `--json` to an administration command. */
export function withAdminOptions(command: Command): Command {
  return withConfigOptions(command)
    .option('--url <url>', 'go through a running server (default: RAPPORT_URL) instead of opening the store')
    .option('--admin-key <key>', 'admin API key for --url (default: RAPPORT_ADMIN_KEY)')
    .option('--json', 'print JSON');
}
