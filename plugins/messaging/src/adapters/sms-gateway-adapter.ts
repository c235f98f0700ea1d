import type { Envelope, MessagingAdapter } from './adapter-types.js';
import { httpFailure, post, readAnswer, valueAt } from './http-answer.js';

interface GatewaySettings {
  url: string;
  format: 'json' | 'form';
  body: Record<string, string>;
  headers: Record<string, string>;
  auth: 'none' | 'bearer' | 'basic' | 'header';
  authHeader: string;
  username?: string;
  responseIdPath: string;
  errorCodePath: string;
  optedOutCodes: string[];
}

const PLACEHOLDER = /\{\{(to|from|text|messageId)\}\}/g;

/** Fills `{{to}}`, `{{from}}`, `{{text}}` and `{{messageId}}` in each value of the body mapping. */
export function mapBody(mapping: Record<string, string>, envelope: Envelope): Record<string, string> {
  const values: Record<string, string> = {
    to: envelope.to,
    from: envelope.from,
    text: envelope.text,
    messageId: envelope.messageId,
  };
  return Object.fromEntries(
    Object.entries(mapping).map(([name, template]) => [
      name,
      template.replace(PLACEHOLDER, (_, key: string) => values[key] ?? ''),
    ]),
  );
}

function authHeaders(
  settings: GatewaySettings,
  secrets: Readonly<Record<string, string>>,
): Record<string, string> {
  if (settings.auth === 'bearer') return { authorization: `Bearer ${secrets.token ?? ''}` };
  if (settings.auth === 'header') return { [settings.authHeader]: secrets.token ?? '' };
  if (settings.auth === 'basic') {
    return {
      authorization: `Basic ${Buffer.from(`${settings.username ?? ''}:${secrets.password ?? ''}`).toString('base64')}`,
    };
  }
  return {};
}

const headerName = { type: 'string', minLength: 1, maxLength: 100, pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$" };

/**
 * The `sms-gateway` adapter: SMS through any HTTP gateway, configured rather than coded — the
 * URL, JSON or form body with a mapping of fields (`{"To": "{{to}}", "Body": "{{text}}"}`), the
 * authentication (bearer token, basic, or a header), where the gateway's message id and error
 * code are in its answer, and which error codes mean "the recipient opted out" (Twilio's 21610).
 * Every request carries `Idempotency-Key: <message id>`.
 */
export const smsGatewayAdapter: MessagingAdapter = {
  id: 'sms-gateway',
  channels: ['sms'],
  settings: {
    type: 'object',
    properties: {
      url: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2_000 },
      format: { type: 'string', enum: ['json', 'form'], default: 'json' },
      body: {
        type: 'object',
        maxProperties: 30,
        propertyNames: { minLength: 1, maxLength: 100 },
        additionalProperties: { type: 'string', maxLength: 500 },
        default: { to: '{{to}}', from: '{{from}}', text: '{{text}}', reference: '{{messageId}}' },
      },
      headers: {
        type: 'object',
        maxProperties: 20,
        propertyNames: headerName,
        additionalProperties: { type: 'string', maxLength: 1_000 },
        default: {},
      },
      auth: { type: 'string', enum: ['none', 'bearer', 'basic', 'header'], default: 'none' },
      authHeader: { ...headerName, default: 'x-api-key' },
      username: { type: 'string', minLength: 1, maxLength: 200 },
      responseIdPath: { type: 'string', minLength: 1, maxLength: 200, default: 'id' },
      errorCodePath: { type: 'string', minLength: 1, maxLength: 200, default: 'code' },
      optedOutCodes: {
        type: 'array',
        items: { type: 'string', maxLength: 50 },
        maxItems: 50,
        default: ['21610'],
      },
    },
    required: ['url'],
    additionalProperties: false,
  },
  secrets: { required: [], optional: ['token', 'password'] },
  open(account) {
    const settings = account.settings as unknown as GatewaySettings;
    return {
      async send(envelope) {
        const fields = mapBody(settings.body, envelope);
        const form = settings.format === 'form';
        const response = await post(settings.url, {
          method: 'POST',
          signal: envelope.signal,
          headers: {
            ...settings.headers,
            ...authHeaders(settings, account.secrets),
            'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
            'idempotency-key': envelope.messageId,
          },
          body: form ? new URLSearchParams(fields).toString() : JSON.stringify(fields),
        });
        const answer = await readAnswer(response);
        if (!response.ok) throw httpFailure(response.status, answer, settings);
        const id = valueAt(answer.json, settings.responseIdPath);
        return {
          ...(id ? { providerMessageId: id } : {}),
          answer: `HTTP ${response.status} ${answer.text}`.slice(0, 2_000),
        };
      },
      async close() {},
    };
  },
};
