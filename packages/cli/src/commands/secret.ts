import { type Kernel, SERVER_SECRET, type ServerSecret } from '@rapport/core';
import type { Command } from 'commander';
import { writeLine } from '../io.js';
import { formatTable } from '../output/table.js';
import { bootKernel } from '../runtime/boot-kernel.js';
import { createCliLogger } from '../runtime/logger.js';
import { type CommandContext, type ConfigOptions, loadCommandConfig, withConfigOptions } from './context.js';

interface SecretOptions extends ConfigOptions {
  json?: boolean;
}

/** Boots the config's kernel (no jobs), runs `work` on its server secret, stops it. */
async function withSecret<R>(
  context: CommandContext,
  options: SecretOptions,
  work: (secret: ServerSecret, kernel: Kernel) => Promise<R>,
): Promise<R> {
  const { config } = await loadCommandConfig(context, options);
  const logger = createCliLogger(config, {
    destination: context.io.stderr,
    env: context.io.env,
    defaultLevel: 'warn',
  });
  const kernel = await bootKernel(config, { logger, kernel: { jobs: { timer: false } } });
  try {
    return await work(kernel.resolve(SERVER_SECRET), kernel);
  } finally {
    await kernel.stop();
  }
}

function printKeys(context: CommandContext, secret: ServerSecret, json: boolean | undefined): void {
  const keys = secret.keys();
  if (json) {
    writeLine(context.io.stdout, JSON.stringify({ source: secret.source, keys }));
    return;
  }
  writeLine(
    context.io.stdout,
    secret.source === 'config' ? 'source: RAPPORT_SECRET (or the config)' : 'source: the store (generated)',
  );
  const rows = keys.map((key) => [
    key.kid,
    key.createdAt ?? '',
    key.current ? 'signs and verifies' : 'verifies',
  ]);
  for (const line of formatTable(['kid', 'created', 'use'], rows, 40)) writeLine(context.io.stdout, line);
}

/**
 * `rapport secret list|rotate|retire`: the key ids of the server secret (never the secrets), and
 * for a generated (stored) secret a new signing key, or an older key dropped. A secret from
 * `RAPPORT_SECRET` is rotated there instead: put a new `kid:secret` pair first.
 */
export function registerSecret(program: Command, context: CommandContext): void {
  const secret = program
    .command('secret')
    .description('list, rotate and retire the keys of the server secret (link tokens)');
  withConfigOptions(secret.command('list').description('list the key ids (never the secrets)'))
    .option('--json', 'print JSON')
    .action((options: SecretOptions) =>
      withSecret(context, options, async (keys) => printKeys(context, keys, options.json)),
    );
  withConfigOptions(
    secret
      .command('rotate')
      .description('generate a new signing key for a stored secret; older keys keep verifying'),
  )
    .option('--json', 'print JSON')
    .action((options: SecretOptions) =>
      withSecret(context, options, async (keys) => {
        const key = await keys.rotate();
        if (options.json) writeLine(context.io.stdout, JSON.stringify(key));
        else
          writeLine(
            context.io.stdout,
            `new signing key ${key.kid}; older keys still verify until you retire them (running servers sign with it within a minute)`,
          );
      }),
    );
  withConfigOptions(
    secret
      .command('retire')
      .description('drop an older key: links it signed stop working')
      .argument('<kid>', 'the key id (see `rapport secret list`)'),
  ).action((kid: string, options: SecretOptions) =>
    withSecret(context, options, async (keys) => {
      await keys.retire(kid);
      writeLine(context.io.stdout, `retired ${kid}`);
    }),
  );
}
