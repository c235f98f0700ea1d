import {
  computed,
  defineEntity,
  type EntityRecord,
  enumOf,
  jsonObject,
  key,
  list,
  text,
} from '@rapport/core';
import { ACCOUNT_STATUSES, type AccountStatus, CHANNELS, type Channel } from '../vocabulary.js';

/** The longest secret value (a password, a token, a signing secret). */
export const MAX_SECRET_LENGTH = 2_000;
/** How many secrets an account may hold. */
export const MAX_SECRETS = 10;

/**
 * A configured way to send and receive: the channel it carries, the adapter that talks to the
 * provider and its settings, the sender address or number. Secrets (`secrets`) are write-only:
 * a write moves them into a separate record no route serves, so no answer, audit entry or log
 * holds them; `secretNames` says which are set.
 */
export interface ChannelAccount {
  name: string;
  channel: Channel;
  /** `log`, `smtp`, `sms-gateway`, `webhook`, or an adapter another plugin registers. */
  adapter: string;
  /** The adapter's settings (host, port, URL, body mapping), checked against its schema. */
  settings?: Record<string, unknown>;
  /** Write-only: `{ password: '...' }`, `{ token: '...' }`, `{ callback: '...' }` (signs inbound callbacks). */
  secrets?: Record<string, string>;
  /** Computed: the names of the secrets that are set. */
  secretNames?: string[];
  /** The sender: an e-mail address, a phone number or sender id, a webhook's name. */
  from: string;
  /** The sender's display name (e-mail). */
  fromName?: string;
  /** The default account of its channel when a send names none. */
  isDefault?: boolean;
  status?: AccountStatus;
}

/** A stored channel account. */
export type ChannelAccountRecord = EntityRecord<ChannelAccount>;

/** The `channelAccount` entity. */
export const ChannelAccountEntity = defineEntity<ChannelAccount>({
  name: 'channelAccount',
  plural: 'channelAccounts',
  description:
    'A configured channel: e-mail, SMS or webhook, the adapter and its settings, the sender; secrets are write-only.',
  schema: {
    type: 'object',
    properties: {
      name: text(),
      channel: enumOf(CHANNELS),
      adapter: key,
      settings: { ...jsonObject(50), default: {} },
      secrets: {
        type: 'object',
        maxProperties: MAX_SECRETS,
        propertyNames: { pattern: '^[a-zA-Z][a-zA-Z0-9]{0,39}$', maxLength: 40 },
        additionalProperties: text(MAX_SECRET_LENGTH),
        writeOnly: true,
      },
      secretNames: computed(list(text(40), MAX_SECRETS)),
      from: text(320),
      fromName: text(200),
      isDefault: { type: 'boolean', default: false },
      status: { ...enumOf(ACCOUNT_STATUSES), default: 'active' },
    },
    required: ['name', 'channel', 'adapter', 'from'],
  },
  indexes: [['channel', 'isDefault']],
  search: ['name', 'from'],
});

/** The secrets of one channel account, kept apart from it (never served by a route). */
export interface ChannelSecret {
  accountId: string;
  values: Record<string, string>;
}

/** The `channelSecret` entity: not exposed, written and read by the plugin only. */
export const ChannelSecretEntity = defineEntity<ChannelSecret>({
  name: 'channelSecret',
  plural: 'channelSecrets',
  description: 'The secrets of a channel account.',
  exposed: false,
  schema: {
    type: 'object',
    properties: {
      accountId: text(200),
      values: {
        type: 'object',
        maxProperties: MAX_SECRETS,
        additionalProperties: text(MAX_SECRET_LENGTH),
        writeOnly: true,
      },
    },
    required: ['accountId', 'values'],
  },
  indexes: [{ fields: ['accountId'], unique: true }],
});
