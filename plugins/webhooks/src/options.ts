import type { Duration, JsonSchemaObject } from '@rapport/core';

/** Options of the webhooks plugin, as given. */
export interface WebhooksInput {
  /**
   * Address ranges (CIDR, `127.0.0.0/8`, `10.1.2.3/32`, `fd00::/8`) that deliveries may reach even
   * though they are private, loopback or link-local. Default none: such targets are refused.
   */
  allowPrivateTargets?: string[];
  /** Time allowed for one delivery (connect, send, answer); default `'10s'`. */
  timeout?: Duration;
  /** Bytes of an answer read before the connection is cut; default 65536. */
  maxResponseBytes?: number;
  /** Failed attempts before a delivery is given up (`dead`); default 8. */
  maxAttempts?: number;
  /** Delay before the first retry, doubled per attempt, with jitter; default `'30s'`. */
  retryBase?: Duration;
  /** Longest delay between retries; default `'6h'`. */
  retryMax?: Duration;
  /** Consecutive failed attempts after which a subscription is disabled; default 20. */
  disableAfter?: number;
  /** How often due deliveries (retries, and ones a stopped process left `sending`) are looked for; default `'10s'`. */
  sweepEvery?: Duration;
  /** How long a claimed delivery is held before another process may take it over; default `'2m'`. */
  sendingLease?: Duration;
  /** Deliveries in flight at once in one process; default 8. */
  concurrency?: number;
  /** How long finished deliveries stay in the log; default `'30d'`. */
  keepDeliveries?: Duration;
}

/** The options with their defaults applied. */
export interface WebhooksOptions {
  allowPrivateTargets: string[];
  timeout: Duration;
  maxResponseBytes: number;
  maxAttempts: number;
  retryBase: Duration;
  retryMax: Duration;
  disableAfter: number;
  sweepEvery: Duration;
  sendingLease: Duration;
  concurrency: number;
  keepDeliveries: Duration;
}

const DURATION = { type: 'string', minLength: 2, maxLength: 20, pattern: '^[0-9]+(ms|s|m|h|d)$' };

/** The JSON Schema of {@link WebhooksInput}. */
export const OPTIONS_SCHEMA: JsonSchemaObject = {
  type: 'object',
  properties: {
    allowPrivateTargets: {
      type: 'array',
      items: { type: 'string', minLength: 3, maxLength: 50 },
      maxItems: 50,
      default: [],
    },
    timeout: { ...DURATION, default: '10s' },
    maxResponseBytes: { type: 'integer', minimum: 1_024, maximum: 10_485_760, default: 65_536 },
    maxAttempts: { type: 'integer', minimum: 1, maximum: 50, default: 8 },
    retryBase: { ...DURATION, default: '30s' },
    retryMax: { ...DURATION, default: '6h' },
    disableAfter: { type: 'integer', minimum: 1, maximum: 10_000, default: 20 },
    sweepEvery: { ...DURATION, default: '10s' },
    sendingLease: { ...DURATION, default: '2m' },
    concurrency: { type: 'integer', minimum: 1, maximum: 256, default: 8 },
    keepDeliveries: { ...DURATION, default: '30d' },
  },
  additionalProperties: false,
};
