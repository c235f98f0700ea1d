import {
  createSchemaCompiler,
  dateTime,
  enumOf,
  type JsonSchemaObject,
  type JsonValue,
  jsonObject,
  ref,
  text,
  ValidationError,
} from '@rapport/core';
import type { MessageRecord, MessageSource } from '../entities/message.js';
import { MAX_HTML, MAX_TEXT } from '../entities/message.js';
import { CHANNELS, type Channel, PURPOSES, type Purpose } from '../vocabulary.js';

/**
 * What a plugin or an API client asks to send. Give a customer (`customerId`), an address
 * (`to`), or both (the address wins); give content (`text`, with `subject` and `html` for
 * e-mail) or a template (`template.key`) with merge data (`data`).
 */
export interface SendRequest {
  channel: Channel;
  purpose: Purpose;
  customerId?: string;
  /** An e-mail address, a phone number (E.164, or national with `defaultRegion`), or a webhook's name. */
  to?: string;
  /** The account to send from; default: the channel's default account. */
  accountId?: string;
  subject?: string;
  text?: string;
  html?: string;
  /** A template by key; the locale defaults to the customer's language, then English. */
  template?: { key: string; locale?: string };
  /** The caller's merge data (`data.*` in a template). */
  data?: Record<string, JsonValue>;
  /**
   * Makes the send idempotent: a second send with the same key (from the same caller) answers
   * the first message and queues nothing; the same key with a different request is a conflict.
   */
  idempotencyKey?: string;
  /** Who asks: `{ plugin: 'tickets', entity: 'ticket', recordId }`. */
  source?: MessageSource;
  threadKey?: string;
  inReplyTo?: string;
  /** Drop the message instead of deferring it when quiet hours or a frequency cap hold it back. */
  onlyNow?: boolean;
  /** Do not send before this instant (ISO 8601). */
  notBefore?: string;
}

/** What a send answers: the message, and whether this call queued it (`false` for an idempotent repeat). */
export interface SendOutcome {
  message: MessageRecord;
  created: boolean;
}

/** The JSON Schema of {@link SendRequest} (the body of `POST /api/messaging/messages`). */
export const SEND_REQUEST_SCHEMA: JsonSchemaObject = {
  type: 'object',
  properties: {
    channel: enumOf(CHANNELS),
    purpose: enumOf(PURPOSES),
    customerId: ref,
    to: text(320),
    accountId: ref,
    subject: text(1_000),
    text: text(MAX_TEXT),
    html: text(MAX_HTML),
    template: {
      type: 'object',
      properties: {
        key: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[a-z][a-z0-9-]{0,99}$' },
        locale: {
          type: 'string',
          minLength: 2,
          maxLength: 35,
          pattern: '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$',
        },
      },
      required: ['key'],
      additionalProperties: false,
    },
    data: jsonObject(200),
    idempotencyKey: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
    source: {
      type: 'object',
      properties: { plugin: text(100), entity: text(100), recordId: ref },
      required: ['plugin'],
      additionalProperties: false,
    },
    threadKey: text(300),
    inReplyTo: text(1_000),
    onlyNow: { type: 'boolean' },
    notBefore: dateTime,
  },
  required: ['channel', 'purpose'],
  additionalProperties: false,
};

const check = createSchemaCompiler()(SEND_REQUEST_SCHEMA);

/** Checks a send request's shape; throws a `ValidationError` naming the field and the rule. */
export function checkSendRequest(request: unknown): SendRequest {
  const copy = structuredClone(request);
  const errors = check(copy);
  if (errors.length > 0) {
    const first = errors[0];
    throw new ValidationError(
      `invalid send request: ${first?.path || '(request)'} ${first?.message}`,
      errors,
      {
        details: { entity: 'message' },
      },
    );
  }
  const send = copy as SendRequest;
  const problem = (path: string, rule: string, message: string) =>
    new ValidationError(`invalid send request: ${path} ${message}`, [{ path, rule, message }], {
      details: { entity: 'message' },
    });
  if (!send.customerId && !send.to)
    throw problem('to', 'required', 'give a customerId, an address (to), or both');
  if (!send.template && send.text === undefined) {
    throw problem('text', 'required', 'give the content (text) or a template');
  }
  if (send.template && (send.text !== undefined || send.html !== undefined || send.subject !== undefined)) {
    throw problem(
      'template',
      'messaging.send.contentAndTemplate',
      'give either a template or content, not both',
    );
  }
  if (send.channel !== 'email' && (send.html !== undefined || send.subject !== undefined)) {
    throw problem(
      send.html !== undefined ? 'html' : 'subject',
      'messaging.send.emailOnly',
      `is for e-mail only, not ${send.channel}`,
    );
  }
  return send;
}
