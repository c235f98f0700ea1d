import { signRequest } from '@rapport/core';
import type { MessagingAdapter } from './adapter-types.js';
import { httpFailure, post, readAnswer, valueAt } from './http-answer.js';

/**
 * The `webhook` adapter: posts each message as JSON (`{ id, channel, purpose, to, from, subject,
 * text, html, headers, attempt }`) to a URL, with `Idempotency-Key: <message id>` and, when the
 * account has a `signing` secret, `X-Rapport-Timestamp` / `X-Rapport-Signature` (the same
 * scheme as the server's signed callbacks). 2xx is sent (the answer's `id`, when there is one, is
 * the provider id); 408, 429 and 5xx are tried again; other 4xx fail.
 */
export const webhookAdapter: MessagingAdapter = {
  id: 'webhook',
  channels: ['webhook', 'email', 'sms'],
  settings: {
    type: 'object',
    properties: {
      url: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2_000 },
      headers: {
        type: 'object',
        maxProperties: 20,
        propertyNames: { minLength: 1, maxLength: 100, pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$" },
        additionalProperties: { type: 'string', maxLength: 1_000 },
        default: {},
      },
    },
    required: ['url'],
    additionalProperties: false,
  },
  secrets: { required: [], optional: ['signing'] },
  open(account) {
    const { url, headers } = account.settings as { url: string; headers: Record<string, string> };
    return {
      async send(envelope) {
        const body = JSON.stringify({
          id: envelope.messageId,
          channel: envelope.channel,
          purpose: envelope.purpose,
          to: envelope.to,
          from: envelope.from,
          ...(envelope.subject === undefined ? {} : { subject: envelope.subject }),
          text: envelope.text,
          ...(envelope.html === undefined ? {} : { html: envelope.html }),
          headers: envelope.headers,
          attempt: envelope.attempt,
        });
        const signing = account.secrets.signing;
        const response = await post(url, {
          method: 'POST',
          signal: envelope.signal,
          headers: {
            ...headers,
            'content-type': 'application/json',
            'idempotency-key': envelope.messageId,
            ...(signing ? signRequest({ secret: signing, body }).headers : {}),
          },
          body,
        });
        const answer = await readAnswer(response);
        if (!response.ok) throw httpFailure(response.status, answer);
        const id = valueAt(answer.json, 'id');
        return {
          providerMessageId: id ?? `webhook:${envelope.messageId}`,
          answer: `HTTP ${response.status} ${answer.text}`.slice(0, 2_000),
        };
      },
      async close() {},
    };
  },
};
