import { createSchemaCompiler, createToken, fieldError, type SchemaCheck } from '@rapport/core';
import { MESSAGING_PLUGIN_ID } from '../plugin-id.js';
import type { AdapterAccount, MessagingAdapter } from './adapter-types.js';

const ADAPTER_ID = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * The adapters a deployment can use: the four built in, and those other plugins add in their
 * `register` with `ctx.hooks.get(MESSAGING_ADAPTERS).add(adapter)`.
 */
export class AdapterRegistry {
  readonly #adapters = new Map<string, { adapter: MessagingAdapter; check: SchemaCheck }>();
  readonly #compile = createSchemaCompiler();

  /** Adds an adapter; throws a `TypeError` naming it when its id is taken or malformed. */
  add(adapter: MessagingAdapter): void {
    if (!ADAPTER_ID.test(adapter.id)) {
      throw new TypeError(`messaging adapter id '${adapter.id}' must be lower-case letters, digits and -`);
    }
    if (this.#adapters.has(adapter.id))
      throw new TypeError(`messaging adapter '${adapter.id}' is already added`);
    this.#adapters.set(adapter.id, { adapter, check: this.#compile(adapter.settings) });
  }

  get(id: string): MessagingAdapter | undefined {
    return this.#adapters.get(id)?.adapter;
  }

  ids(): string[] {
    return [...this.#adapters.keys()];
  }

  /**
   * Checks an account against its adapter: the adapter exists and carries the channel, the
   * settings match its schema, the required secrets are set and no unknown one is. Throws a
   * `ValidationError` naming the field. Answers the settings with the schema's defaults filled in.
   */
  check(
    account: Pick<AdapterAccount, 'channel'> & { adapter: string; settings?: Record<string, unknown> },
    secretNames: string[],
  ): Record<string, unknown> {
    const entry = this.#adapters.get(account.adapter);
    if (!entry) {
      throw fieldError(
        'channelAccount',
        'adapter',
        'messaging.adapter.unknown',
        `is not a messaging adapter; use one of ${this.ids().join(', ')}`,
      );
    }
    const { adapter, check } = entry;
    if (!adapter.channels.includes(account.channel)) {
      throw fieldError(
        'channelAccount',
        'channel',
        'messaging.adapter.channel',
        `adapter '${adapter.id}' carries ${adapter.channels.join(', ')}, not ${account.channel}`,
      );
    }
    const settings = structuredClone(account.settings ?? {});
    const errors = check(settings);
    const first = errors[0];
    if (first) {
      throw fieldError(
        'channelAccount',
        first.path ? `settings.${first.path}` : 'settings',
        first.rule,
        first.message,
      );
    }
    const known = new Set([...adapter.secrets.required, ...adapter.secrets.optional, 'callback']);
    for (const name of secretNames) {
      if (!known.has(name)) {
        throw fieldError(
          'channelAccount',
          `secrets.${name}`,
          'messaging.secret.unknown',
          `adapter '${adapter.id}' takes the secrets ${[...known].join(', ')}`,
        );
      }
    }
    for (const name of adapter.secrets.required) {
      if (!secretNames.includes(name)) {
        throw fieldError(
          'channelAccount',
          `secrets.${name}`,
          'required',
          `adapter '${adapter.id}' needs the secret '${name}'`,
        );
      }
    }
    return settings;
  }
}

/** The token under which the plugin publishes its {@link AdapterRegistry}. */
export const MESSAGING_ADAPTERS = createToken<AdapterRegistry>(`${MESSAGING_PLUGIN_ID}.adapters`);
