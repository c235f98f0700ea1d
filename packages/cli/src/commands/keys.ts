import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { writeLine } from '../io.js';
import type { KeyView } from '../keys/key-admin.js';
import { formatTable } from '../output/table.js';
import { withAdminOptions } from './admin-session.js';
import { type CommandContext, collect } from './context.js';
import { type KeysOptions, withKeyAdmin } from './keys-session.js';

interface CreateOptions extends KeysOptions {
  name: string;
  role?: string[];
  attr?: string[];
  user?: string;
}

/** Parses `--attr team=north` pairs into key attributes. */
export function parseAttributes(pairs: string[] = []): Record<string, string> | undefined {
  if (pairs.length === 0) return undefined;
  const attributes: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0)
      throw new UsageError(`--attr ${JSON.stringify(pair)} must look like name=value (e.g. team=north)`);
    attributes[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return attributes;
}

function keyRows(keys: KeyView[]): string[][] {
  return keys.map((key) => [
    key.id,
    key.keyId,
    key.name,
    key.roles.join(','),
    Object.entries(key.attributes ?? {})
      .map(([name, value]) => `${name}=${value}`)
      .join(','),
    key.createdAt,
    key.revokedAt ? `revoked ${key.revokedAt}` : 'active',
  ]);
}

/** `rapport keys create|list|revoke`: API keys, directly on the store or through a running server. */
export function registerKeys(program: Command, context: CommandContext): void {
  const keys = program.command('keys').description('create, list and revoke API keys');
  const { io } = context;

  withAdminOptions(
    keys
      .command('create')
      .description('create an API key and print it (shown this once)')
      .requiredOption('-n, --name <name>', 'what the key is for (e.g. "billing sync")')
      .option(
        '-r, --role <role>',
        'a role of the key; repeat for several (with --user: default all of theirs)',
        collect,
      )
      .option('-u, --user <user>', 'the user (id or e-mail address) the key acts as')
      .option(
        '-a, --attr <name=value>',
        'an attribute record rules read (e.g. team=north); repeatable',
        collect,
      ),
  ).action(async (options: CreateOptions) => {
    const attributes = parseAttributes(options.attr);
    if (!options.role && !options.user) throw new UsageError('give the key a --role (or a --user to act as)');
    const { key, record } = await withKeyAdmin(context, options, (admin) =>
      admin.create({
        name: options.name,
        roles: options.role ?? [],
        ...(attributes ? { attributes } : {}),
        ...(options.user ? { userId: options.user } : {}),
      }),
    );
    if (options.json) {
      writeLine(
        io.stdout,
        JSON.stringify({ key, id: record.id, keyId: record.keyId, name: record.name, roles: record.roles }),
      );
      return;
    }
    writeLine(io.stdout, key);
    if (!options.quiet) {
      io.stderr.write(
        `Created key ${record.keyId} (${record.name}; roles ${record.roles.join(', ')}). The key above is shown this once.\n`,
      );
    }
  });

  withAdminOptions(keys.command('list').description('list API keys (never their secrets)')).action(
    async (options: KeysOptions) => {
      const list = await withKeyAdmin(context, options, (admin) => admin.list());
      if (options.json) {
        writeLine(io.stdout, JSON.stringify(list));
        return;
      }
      if (list.length === 0) {
        writeLine(io.stdout, 'no API keys');
        return;
      }
      for (const line of formatTable(
        ['id', 'keyId', 'name', 'roles', 'attributes', 'created', 'status'],
        keyRows(list),
        40,
      )) {
        writeLine(io.stdout, line);
      }
    },
  );

  withAdminOptions(
    keys
      .command('revoke')
      .description('revoke an API key by its id or key id (it stops working within seconds)')
      .argument('<id>', 'the record id or the key id (the 12 characters after rk_)'),
  ).action(async (id: string, options: KeysOptions) => {
    const revoked = await withKeyAdmin(context, options, (admin) => admin.revoke(id));
    if (options.json) writeLine(io.stdout, JSON.stringify(revoked));
    else writeLine(io.stdout, `revoked ${revoked.keyId} (${revoked.name})`);
  });
}
