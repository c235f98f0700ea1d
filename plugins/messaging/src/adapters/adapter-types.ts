import type { JsonSchemaObject, Logger } from '@rapport/core';
import type { Channel, Purpose } from '../vocabulary.js';

/** What an adapter is given to send: one message, rendered, with its headers. */
export interface Envelope {
  /** The message's id: pass it to the provider as its idempotency key or reference. */
  messageId: string;
  channel: Channel;
  purpose: Purpose;
  to: string;
  from: string;
  fromName?: string;
  subject?: string;
  text: string;
  html?: string;
  /** E-mail: the RFC 5322 Message-ID, stable across retries (`<id@domain>`). */
  messageIdHeader?: string;
  /** E-mail headers to add (`List-Unsubscribe`, `List-Unsubscribe-Post`, `In-Reply-To`). */
  headers: Record<string, string>;
  /** The attempt number, from 1. */
  attempt: number;
  /** Aborts when the send timeout passes; an adapter should give up then. */
  signal: AbortSignal;
}

/** What the provider answered to a successful send. */
export interface SendResult {
  /** The provider's id of the message (for status callbacks). */
  providerMessageId?: string;
  /** The provider's answer, shortened (an SMTP reply line, an HTTP status). */
  answer?: string;
}

/**
 * How a send failed, which decides what happens next:
 * - `retry`: temporary (a timeout, a 4xx SMTP reply, HTTP 429 or 5xx): tried again with backoff;
 * - `permanent`: the provider refused this message for good (bad content, bad settings): `failed`;
 * - `bounce`: the address does not exist (SMTP 5xx at RCPT): `bounced`, and the address is suppressed;
 * - `optedOut`: the carrier says the recipient opted out (Twilio 21610): `failed`, and they are opted out.
 */
export type SendFailureKind = 'retry' | 'permanent' | 'bounce' | 'optedOut';

/** The error an adapter throws when a send fails; anything else counts as `retry`. */
export class SendFailure extends Error {
  readonly kind: SendFailureKind;
  /** The provider's code (`550`, `21610`, `ECONNREFUSED`). */
  readonly code: string | undefined;
  /** The provider's answer, shortened. */
  readonly answer: string | undefined;

  constructor(
    kind: SendFailureKind,
    message: string,
    options: { code?: string; answer?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SendFailure';
    this.kind = kind;
    this.code = options.code;
    this.answer = options.answer;
  }
}

/** One configured account, as an adapter opens it: its settings and secrets. */
export interface AdapterAccount {
  id: string;
  channel: Channel;
  from: string;
  fromName?: string;
  settings: Record<string, unknown>;
  secrets: Readonly<Record<string, string>>;
}

/** An open connection to a provider for one account (a pooled SMTP transport, an HTTP client). */
export interface AdapterConnection {
  send(envelope: Envelope): Promise<SendResult>;
  /** Closes pooled connections (on stop, or when the account changes). */
  close(): Promise<void>;
}

/** What an adapter may know about the running deployment. */
export interface AdapterContext {
  logger: Logger;
}

/**
 * A messaging adapter: the small interface every provider sits behind (after listmonk's
 * `Messenger` and Mautic's `TransportInterface`). It declares the channels it carries, the JSON
 * Schema of its settings (checked when an account is saved) and the secrets it needs, and opens
 * a connection per account. Every adapter passes the shared adapter suite
 * (`describeAdapterConformance` in the plugin's test kit).
 *
 * @example
 * ```ts
 * export const pigeonAdapter: MessagingAdapter = {
 *   id: 'pigeon',
 *   channels: ['sms'],
 *   settings: { type: 'object', properties: { loft: { type: 'string', maxLength: 100 } }, required: ['loft'] },
 *   secrets: { required: [], optional: ['seed'] },
 *   open: (account) => ({
 *     async send(envelope) {
 *       return { providerMessageId: await releasePigeon(account.settings.loft as string, envelope.text) };
 *     },
 *     async close() {},
 *   }),
 * };
 * ```
 */
export interface MessagingAdapter {
  /** A key: lower-case letters, digits and `-`. */
  id: string;
  channels: readonly Channel[];
  /** JSON Schema of the account settings (bounded). */
  settings: JsonSchemaObject;
  /** Secret names the account must and may set. */
  secrets: { required: readonly string[]; optional: readonly string[] };
  /**
   * `true` when a send leaves nothing outside the store (the log adapter): the send and its
   * record commit in one transaction, so each message is delivered exactly once.
   */
  inStore?: boolean;
  open(account: AdapterAccount, context: AdapterContext): AdapterConnection;
}
