import { type Kernel, SYSTEM_ACTOR } from '@rapport/core';
import type { AdapterRegistry } from '../adapters/adapter-registry.js';
import type { AdapterConnection, MessagingAdapter } from '../adapters/adapter-types.js';
import type { ChannelAccountRecord, ChannelSecret } from '../entities/channel-account.js';

interface Open {
  version: number;
  /** Opening: concurrent first sends share it, so one pool is opened, not one per send. */
  connection: Promise<AdapterConnection>;
}

/**
 * The open adapter connection of each account, opened on first use with the account's settings
 * and secrets, and reopened when the account changes (its version moves on).
 */
export class Connections {
  readonly #open = new Map<string, Open>();
  readonly #kernel: Kernel;
  readonly #adapters: AdapterRegistry;

  constructor(kernel: Kernel, adapters: AdapterRegistry) {
    this.#kernel = kernel;
    this.#adapters = adapters;
  }

  /** The adapter of an account (throws a `TypeError` for an adapter that is no longer installed). */
  adapterOf(account: ChannelAccountRecord): MessagingAdapter {
    const adapter = this.#adapters.get(account.adapter);
    if (!adapter)
      throw new TypeError(
        `channel account ${account.id} uses adapter '${account.adapter}', which is not installed`,
      );
    return adapter;
  }

  connectionOf(account: ChannelAccountRecord): Promise<AdapterConnection> {
    const open = this.#open.get(account.id);
    if (open && open.version === account.version) return open.connection;
    if (open) void open.connection.then((connection) => connection.close()).catch(() => undefined);
    const connection = this.#openConnection(account);
    this.#open.set(account.id, { version: account.version, connection });
    connection.catch(() => this.#open.delete(account.id));
    return connection;
  }

  async #openConnection(account: ChannelAccountRecord): Promise<AdapterConnection> {
    const adapter = this.adapterOf(account);
    const { items } = await this.#kernel
      .data<ChannelSecret>('channelSecret', { actor: SYSTEM_ACTOR })
      .find({ where: { accountId: account.id }, limit: 1 });
    return adapter.open(
      {
        id: account.id,
        channel: account.channel,
        from: account.from,
        ...(account.fromName ? { fromName: account.fromName } : {}),
        settings: account.settings ?? {},
        secrets: Object.freeze({ ...(items[0]?.values ?? {}) }),
      },
      { logger: this.#kernel.logger.child({ plugin: 'messaging', adapter: adapter.id }) },
    );
  }

  async closeAll(): Promise<void> {
    const open = [...this.#open.values()];
    this.#open.clear();
    await Promise.all(open.map((entry) => entry.connection.then((c) => c.close()).catch(() => undefined)));
  }
}
