import { type Logger, unboundedSchemaPaths } from '@rapport/core';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AdapterRegistry } from '../adapters/adapter-registry.js';
import {
  type AdapterConnection,
  type Envelope,
  type MessagingAdapter,
  SendFailure,
} from '../adapters/adapter-types.js';
import type { Channel } from '../vocabulary.js';

/** What the provider behind an adapter received, as a test harness sees it. */
export interface ReceivedMessage {
  /** The idempotency key it carried: the Message-ID of an e-mail, else the message id. */
  key: string | undefined;
  to?: string;
  text?: string;
  subject?: string;
  headers?: Record<string, string>;
}

/** One adapter under test, with the provider (or a stand-in) it talks to. */
export interface AdapterHarness {
  adapter: MessagingAdapter;
  channel: Channel;
  settings: Record<string, unknown>;
  secrets?: Record<string, string>;
  /** The logger the adapter is opened with (default: a silent one). */
  logger?: Logger;
  /** Settings that point at no provider (a closed port), when the adapter talks to one. */
  unreachable?: Record<string, unknown>;
  /** What the provider received so far, in order. */
  received(): Promise<ReceivedMessage[]>;
  /** Makes the provider refuse the next send, temporarily or for good (when it can). */
  refuseNext?(kind: 'retry' | 'permanent'): void;
  close(): Promise<void>;
}

let serial = 0;

function envelopeFor(channel: Channel, overrides: Partial<Envelope> = {}): Envelope {
  serial += 1;
  const messageId = `01930000-0000-7000-8000-${String(serial).padStart(12, '0')}`;
  return {
    messageId,
    channel,
    purpose: 'transactional',
    to: channel === 'email' ? `ada${serial}@example.com` : channel === 'sms' ? '+4915112345678' : 'hook',
    from: channel === 'email' ? 'shop@example.com' : '+4930123456',
    ...(channel === 'email'
      ? { subject: `Order ${serial}`, messageIdHeader: `<${messageId}@example.com>`, html: '<p>Hello</p>' }
      : {}),
    text: `Hello ${serial}: 你好，订单已发货 ✓`,
    headers: channel === 'email' ? { 'X-Rapport-Test': `t${serial}` } : {},
    attempt: 1,
    signal: AbortSignal.timeout(10_000),
    ...overrides,
  };
}

const keyOf = (envelope: Envelope) => envelope.messageIdHeader ?? envelope.messageId;

/**
 * The suite every messaging adapter passes, as every store passes `describeStoreConformance`:
 * a bounded settings schema the registry accepts; a send that reaches the provider once, intact
 * (Unicode included), with a provider id; the same idempotency key on every attempt of a message;
 * refusals and an unreachable provider as the right `SendFailure` kinds; concurrent sends; and a
 * `close` that may be called twice. `setup` starts the adapter's provider stand-in; `extra` adds
 * the adapter's own cases.
 *
 * @example
 * ```ts
 * describeAdapterConformance('sms-gateway', async () => {
 *   const sink = await startHttpSink();
 *   return { adapter: smsGatewayAdapter, channel: 'sms', settings: { url: sink.url }, received: ..., close: sink.close };
 * });
 * ```
 */
export function describeAdapterConformance(
  name: string,
  setup: () => Promise<AdapterHarness>,
  extra?: (
    harness: () => AdapterHarness,
    open: (settings?: Record<string, unknown>) => AdapterConnection,
  ) => void,
): void {
  describe(`messaging adapter conformance: ${name}`, () => {
    let harness: AdapterHarness;
    const connections: AdapterConnection[] = [];
    const registry = new AdapterRegistry();
    const open = (settings?: Record<string, unknown>): AdapterConnection => {
      const secrets = harness.secrets ?? {};
      const filled = registry.check(
        { adapter: harness.adapter.id, channel: harness.channel, settings: settings ?? harness.settings },
        Object.keys(secrets),
      );
      const connection = harness.adapter.open(
        {
          id: 'account-under-test',
          channel: harness.channel,
          from: 'shop@example.com',
          settings: filled,
          secrets,
        },
        { logger: harness.logger ?? pino({ level: 'silent' }) },
      );
      connections.push(connection);
      return connection;
    };
    beforeEach(async () => {
      harness = await setup();
      if (!registry.get(harness.adapter.id)) registry.add(harness.adapter);
    });
    afterEach(async () => {
      await Promise.all(connections.splice(0).map((c) => c.close()));
      await harness.close();
    });

    it('declares its channels and a bounded settings schema the registry accepts', () => {
      expect(harness.adapter.id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(harness.adapter.channels).toContain(harness.channel);
      expect(unboundedSchemaPaths(harness.adapter.settings, `${name} settings`)).toEqual([]);
      expect(() => open()).not.toThrow();
    });

    it('delivers a message once, intact, and answers the provider id', async () => {
      const envelope = envelopeFor(harness.channel);
      const result = await open().send(envelope);
      expect(typeof result.providerMessageId).toBe('string');
      expect(result.providerMessageId?.length).toBeGreaterThan(0);
      const received = await harness.received();
      expect(received).toHaveLength(1);
      expect(received[0]?.key).toBe(keyOf(envelope));
      if (received[0]?.to !== undefined) expect(received[0].to).toBe(envelope.to);
      if (received[0]?.text !== undefined) expect(received[0].text).toContain('你好，订单已发货 ✓');
      if (received[0]?.subject !== undefined) expect(received[0].subject).toBe(envelope.subject);
      if (received[0]?.headers !== undefined && envelope.headers['X-Rapport-Test']) {
        expect(
          Object.entries(received[0].headers).find(([k]) => k.toLowerCase() === 'x-rapport-test')?.[1],
        ).toBe(envelope.headers['X-Rapport-Test']);
      }
    });

    it('carries the same idempotency key on every attempt of a message', async () => {
      const envelope = envelopeFor(harness.channel);
      const connection = open();
      await connection.send(envelope);
      await connection.send({ ...envelope, attempt: 2 });
      expect((await harness.received()).map((r) => r.key)).toEqual([keyOf(envelope), keyOf(envelope)]);
    });

    it('sends concurrently, each message once', async () => {
      const connection = open();
      const envelopes = Array.from({ length: 20 }, () => envelopeFor(harness.channel));
      await Promise.all(envelopes.map((e) => connection.send(e)));
      const keys = (await harness.received()).map((r) => r.key).sort();
      expect(keys).toEqual(envelopes.map(keyOf).sort());
    });

    it('answers a temporary refusal with a retry, a final one with permanent or bounce', async (context) => {
      if (!harness.refuseNext) return context.skip();
      const connection = open();
      harness.refuseNext('retry');
      const retry = await connection.send(envelopeFor(harness.channel)).catch((error: unknown) => error);
      expect(retry).toBeInstanceOf(SendFailure);
      expect((retry as SendFailure).kind).toBe('retry');
      harness.refuseNext('permanent');
      const final = await connection.send(envelopeFor(harness.channel)).catch((error: unknown) => error);
      expect(final).toBeInstanceOf(SendFailure);
      expect(['permanent', 'bounce']).toContain((final as SendFailure).kind);
    });

    it('answers an unreachable provider with a retry', async (context) => {
      if (!harness.unreachable) return context.skip();
      const failure = await open(harness.unreachable)
        .send(envelopeFor(harness.channel))
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SendFailure);
      expect((failure as SendFailure).kind).toBe('retry');
    });

    it('closes, twice without harm', async () => {
      const connection = open();
      await connection.send(envelopeFor(harness.channel));
      await connection.close();
      await connection.close();
    });

    extra?.(() => harness, open);
  });
}
