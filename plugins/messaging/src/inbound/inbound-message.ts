import { createSchemaCompiler, dateTime, type JsonSchemaObject, text, ValidationError } from '@rapport/core';
import { simpleParser } from 'mailparser';
import { MAX_HTML, MAX_TEXT } from '../entities/message.js';

/** A message a gateway passes in, channel-neutral. */
export interface InboundMessage {
  from: string;
  to?: string;
  subject?: string;
  text: string;
  html?: string;
  /** The provider's id of the message (deduplicates redeliveries). */
  providerMessageId: string;
  /** The Message-ID or provider id of the message this answers. */
  inReplyTo?: string;
  receivedAt?: string;
}

/** The JSON Schema of {@link InboundMessage}. */
export const INBOUND_MESSAGE_SCHEMA: JsonSchemaObject = {
  type: 'object',
  properties: {
    from: text(320),
    to: text(320),
    subject: text(1_000, { minLength: 0 }),
    text: text(MAX_TEXT, { minLength: 0 }),
    html: text(MAX_HTML, { minLength: 0 }),
    providerMessageId: text(500),
    inReplyTo: text(1_000),
    receivedAt: dateTime,
  },
  required: ['from', 'text', 'providerMessageId'],
  additionalProperties: false,
};

const check = createSchemaCompiler()(INBOUND_MESSAGE_SCHEMA);

/** Checks a JSON inbound message; a `ValidationError` naming the field otherwise. */
export function checkInbound(body: unknown): InboundMessage {
  const copy = structuredClone(body);
  const errors = check(copy);
  if (errors.length > 0) {
    throw new ValidationError(
      `invalid inbound message: ${errors[0]?.path || '(body)'} ${errors[0]?.message}`,
      errors,
    );
  }
  return copy as InboundMessage;
}

const cut = (value: string | undefined, max: number) =>
  value === undefined ? undefined : value.slice(0, max);

/**
 * A raw RFC 5322 e-mail (`message/rfc822`) as an {@link InboundMessage}, parsed by mailparser:
 * the sender's address, the first recipient, subject, text (or none), HTML, Message-ID,
 * In-Reply-To (else the last References entry). Throws a `ValidationError` for a mail with no
 * sender or no Message-ID.
 */
export async function parseMime(raw: Uint8Array): Promise<InboundMessage> {
  const mail = await simpleParser(Buffer.from(raw));
  const from = mail.from?.value[0]?.address;
  const toField = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  const references = Array.isArray(mail.references)
    ? mail.references
    : mail.references
      ? [mail.references]
      : [];
  const inReplyTo = mail.inReplyTo ?? references[references.length - 1];
  if (!from)
    throw new ValidationError('invalid inbound e-mail: From has no address', [
      { path: 'from', rule: 'required', message: 'has no address' },
    ]);
  if (!mail.messageId) {
    throw new ValidationError('invalid inbound e-mail: it has no Message-ID', [
      { path: 'providerMessageId', rule: 'required', message: 'the mail has no Message-ID' },
    ]);
  }
  return {
    from,
    ...(toField?.value[0]?.address ? { to: toField.value[0].address } : {}),
    ...(mail.subject === undefined ? {} : { subject: cut(mail.subject, 1_000) as string }),
    text: cut(mail.text ?? '', MAX_TEXT) as string,
    ...(typeof mail.html === 'string' ? { html: cut(mail.html, MAX_HTML) as string } : {}),
    providerMessageId: cut(mail.messageId, 500) as string,
    ...(inReplyTo ? { inReplyTo: cut(inReplyTo, 1_000) as string } : {}),
    ...(mail.date ? { receivedAt: mail.date.toISOString() } : {}),
  };
}
