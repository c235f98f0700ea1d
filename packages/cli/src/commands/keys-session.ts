import type { Kernel } from '@rapport/core';
import { directKeyAdmin, httpKeyAdmin, type KeyAdmin } from '../keys/key-admin.js';
import { bootKernel, cliActor } from '../runtime/boot-kernel.js';
import { createCliLogger } from '../runtime/logger.js';
import { type CommandContext, type ConfigOptions, loadCommandConfig, remoteClient } from './context.js';

/** Options of every `rapport keys` command. */
export interface KeysOptions extends ConfigOptions {
  url?: string;
  adminKey?: string;
  json?: boolean;
}

/**
 * Runs `fn` with a key administrator: through the server when `--url`/`RAPPORT_URL` is given
 * (with `--admin-key`/`RAPPORT_ADMIN_KEY`), otherwise directly on the config's store (the kernel
 * is started for the call and stopped after it).
 */
export async function withKeyAdmin<R>(
  context: CommandContext,
  options: KeysOptions,
  fn: (admin: KeyAdmin) => Promise<R>,
): Promise<R> {
  const client = remoteClient(context, options.url, options.adminKey, {
    flag: '--admin-key',
    env: ['RAPPORT_ADMIN_KEY'],
  });
  if (client) return fn(httpKeyAdmin(client));
  const { config } = await loadCommandConfig(context, options);
  const logger = createCliLogger(config, {
    destination: context.io.stderr,
    env: context.io.env,
    defaultLevel: 'warn',
  });
  const kernel: Kernel = await bootKernel(config, { logger, kernel: { jobs: { timer: false } } });
  try {
    return await fn(directKeyAdmin(kernel, cliActor()));
  } finally {
    await kernel.stop();
  }
}
