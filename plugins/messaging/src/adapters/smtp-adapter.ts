import nodemailer from 'nodemailer';
import { type AdapterAccount, type MessagingAdapter, SendFailure } from './adapter-types.js';

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  command?: string;
  response?: string;
}

/** An SMTP failure as a {@link SendFailure}: 5xx at RCPT is a bounce, other 5xx permanent, the rest temporary. */
export function smtpFailure(error: unknown): SendFailure {
  const smtp = error as SmtpError;
  const code = smtp.responseCode ? String(smtp.responseCode) : smtp.code;
  const answer = (smtp.response ?? smtp.message ?? String(error)).slice(0, 2_000);
  const options = { ...(code ? { code } : {}), answer, cause: error };
  const status = smtp.responseCode ?? 0;
  if (status >= 500 && status < 600) {
    if (smtp.command?.startsWith('RCPT'))
      return new SendFailure('bounce', `the server refused the recipient: ${answer}`, options);
    if (smtp.code !== 'EAUTH')
      return new SendFailure('permanent', `the server refused the message: ${answer}`, options);
  }
  return new SendFailure('retry', smtp.message ?? 'SMTP send failed', options);
}

function transport(account: AdapterAccount) {
  const settings = account.settings as {
    host: string;
    port: number;
    secure: boolean;
    requireTLS: boolean;
    rejectUnauthorized: boolean;
    user?: string;
    maxConnections: number;
    connectionTimeoutMs: number;
  };
  const password = account.secrets.password;
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.requireTLS,
    tls: { rejectUnauthorized: settings.rejectUnauthorized },
    pool: true,
    maxConnections: settings.maxConnections,
    connectionTimeout: settings.connectionTimeoutMs,
    greetingTimeout: settings.connectionTimeoutMs,
    socketTimeout: settings.connectionTimeoutMs * 2,
    ...(settings.user ? { auth: { user: settings.user, pass: password ?? '' } } : {}),
  });
}

/**
 * The `smtp` adapter: e-mail through an SMTP server with nodemailer (a pooled transport per
 * account). Each e-mail carries the message's stable `Message-ID`, so a receiver can drop a
 * repeat after a crash; `List-Unsubscribe` and the other headers pass through. A 5xx reply to
 * `RCPT TO` is a bounce (the address is suppressed), another 5xx a permanent failure, anything
 * else (4xx, a dropped connection, a timeout, a refused login) is tried again.
 */
export const smtpAdapter: MessagingAdapter = {
  id: 'smtp',
  channels: ['email'],
  settings: {
    type: 'object',
    properties: {
      host: { type: 'string', minLength: 1, maxLength: 255 },
      port: { type: 'integer', minimum: 1, maximum: 65_535, default: 587 },
      secure: { type: 'boolean', default: false, description: 'TLS from the start (port 465).' },
      requireTLS: {
        type: 'boolean',
        default: false,
        description: 'Refuse to send unless STARTTLS succeeds.',
      },
      rejectUnauthorized: { type: 'boolean', default: true },
      user: { type: 'string', minLength: 1, maxLength: 320 },
      maxConnections: { type: 'integer', minimum: 1, maximum: 50, default: 5 },
      connectionTimeoutMs: { type: 'integer', minimum: 100, maximum: 120_000, default: 10_000 },
    },
    required: ['host'],
    additionalProperties: false,
  },
  secrets: { required: [], optional: ['password'] },
  open(account) {
    const mailer = transport(account);
    return {
      async send(envelope) {
        try {
          const info = await mailer.sendMail({
            from: envelope.fromName ? { name: envelope.fromName, address: envelope.from } : envelope.from,
            to: envelope.to,
            subject: envelope.subject ?? '',
            text: envelope.text,
            ...(envelope.html === undefined ? {} : { html: envelope.html }),
            ...(envelope.messageIdHeader ? { messageId: envelope.messageIdHeader } : {}),
            headers: envelope.headers,
          });
          return { providerMessageId: info.messageId, answer: String(info.response ?? '').slice(0, 2_000) };
        } catch (error) {
          throw smtpFailure(error);
        }
      },
      async close() {
        mailer.close();
      },
    };
  },
};
