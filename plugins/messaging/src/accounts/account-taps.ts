import { isJsonObject, type RegisterContext, type WriteContext } from '@rapport/core';
import type { AdapterRegistry } from '../adapters/adapter-registry.js';
import type { ChannelAccount, ChannelAccountRecord, ChannelSecret } from '../entities/channel-account.js';
import type { MessagingOptions } from '../options.js';
import { MESSAGING_PLUGIN_ID } from '../plugin-id.js';

/** The secret values a write sets (strings) and removes (`null`), read from the caller's merge patch. */
function secretChanges(source: Record<string, unknown> | undefined): {
  set: Record<string, string>;
  removed: string[];
} {
  const set: Record<string, string> = {};
  const removed: string[] = [];
  const secrets = source?.secrets;
  if (!isJsonObject(secrets)) return { set, removed };
  for (const [name, value] of Object.entries(secrets)) {
    if (value === null) removed.push(name);
    else if (typeof value === 'string') set[name] = value;
  }
  return { set, removed };
}

/** The secret names an account has after a write. */
function namesAfter(
  operation: 'create' | 'update',
  previous: ChannelAccountRecord | undefined,
  source: Record<string, unknown> | undefined,
): string[] {
  const { set, removed } = secretChanges(source);
  const names = new Set(operation === 'update' ? (previous?.secretNames ?? []) : []);
  for (const name of removed) names.delete(name);
  for (const name of Object.keys(set)) names.add(name);
  return [...names].sort();
}

/** Moves the secrets of a write out of the account, into its `channelSecret` record. */
async function storeSecrets(
  record: ChannelAccountRecord,
  write: WriteContext<ChannelAccount>,
  source: Record<string, unknown> | undefined,
): Promise<ChannelAccountRecord> {
  const { set, removed } = secretChanges(source);
  const names = namesAfter(write.operation === 'create' ? 'create' : 'update', write.previous, source);
  const { secrets: _moved, ...account } = record;
  if (Object.keys(set).length > 0 || removed.length > 0) {
    const repo = write.system<ChannelSecret>('channelSecret');
    const { items } = await repo.find({ where: { accountId: record.id }, limit: 1 });
    const existing = items[0];
    if (existing) {
      // A merge patch: strings set a secret, nulls remove one.
      const patch = { ...set, ...Object.fromEntries(removed.map((name) => [name, null])) };
      await repo.update(existing.id, { values: patch as Record<string, string> });
    } else {
      await repo.create({ accountId: record.id, values: set });
    }
  }
  return { ...account, secretNames: names } as ChannelAccountRecord;
}

/** Clears the default flag of the channel's other accounts when this one becomes its default. */
async function keepOneDefault(
  record: ChannelAccountRecord,
  write: WriteContext<ChannelAccount>,
): Promise<void> {
  if (!record.isDefault) return;
  const repo = write.system<ChannelAccount>('channelAccount');
  const { items } = await repo.find({ where: { channel: record.channel, isDefault: true }, limit: 100 });
  for (const other of items) if (other.id !== record.id) await repo.update(other.id, { isDefault: false });
}

/**
 * Channel accounts: the adapter, its settings and secrets are checked on every write (an unknown
 * adapter, a missing secret or a bad setting is a 400 naming the field, with the schema's
 * defaults filled in); secrets are moved into the account's `channelSecret` record, so the
 * account, its API answers and its audit trail hold only their names; one default per channel.
 */
export function tapAccountRules(ctx: RegisterContext<MessagingOptions>, adapters: AdapterRegistry): void {
  const hooks = ctx.hooks.entity<ChannelAccount>('channelAccount');
  const source = (record: ChannelAccountRecord, write: WriteContext<ChannelAccount>) =>
    write.operation === 'update' ? write.patch : (record as unknown as Record<string, unknown>);
  hooks.validate.tapPromise(MESSAGING_PLUGIN_ID, async (write) => {
    if (write.operation === 'delete') return;
    const names = namesAfter(write.operation, write.previous, source(write.record, write));
    adapters.check(write.record, names);
  });
  const before = async (record: ChannelAccountRecord, write: WriteContext<ChannelAccount>) => {
    const settings = adapters.check(
      record,
      namesAfter(write.operation === 'create' ? 'create' : 'update', write.previous, source(record, write)),
    );
    const stored = await storeSecrets({ ...record, settings }, write, source(record, write));
    await keepOneDefault(stored, write);
    return stored;
  };
  hooks.beforeCreate.tapPromise(MESSAGING_PLUGIN_ID, before);
  hooks.beforeUpdate.tapPromise(MESSAGING_PLUGIN_ID, before);
  hooks.afterDelete.tapPromise(MESSAGING_PLUGIN_ID, async (record, write) => {
    const repo = write.system<ChannelSecret>('channelSecret');
    const { items } = await repo.find({ where: { accountId: record.id }, limit: 1 });
    for (const secret of items) await repo.delete(secret.id);
  });
}
