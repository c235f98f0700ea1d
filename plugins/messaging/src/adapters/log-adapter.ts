import type { MessagingAdapter } from './adapter-types.js';

/**
 * The `log` adapter, the default: nothing leaves the machine. A send writes one log line with
 * the message id, channel and sizes (never the address or the content: those are in the
 * message record) and answers the provider id `log:<message id>`. Its send has no effect
 * outside the store (`inStore`), so the plugin records it in the same transaction as the
 * message's status: each message is delivered exactly once, crash or not.
 */
export const logAdapter: MessagingAdapter = {
  id: 'log',
  channels: ['email', 'sms', 'webhook'],
  settings: {
    type: 'object',
    properties: { level: { type: 'string', enum: ['info', 'debug'], default: 'info' } },
    additionalProperties: false,
  },
  secrets: { required: [], optional: [] },
  inStore: true,
  open(account, context) {
    const level = account.settings.level === 'debug' ? 'debug' : 'info';
    return {
      async send(envelope) {
        context.logger[level](
          {
            messageId: envelope.messageId,
            ...(envelope.messageIdHeader ? { messageIdHeader: envelope.messageIdHeader } : {}),
            accountId: account.id,
            channel: envelope.channel,
            purpose: envelope.purpose,
            attempt: envelope.attempt,
            textLength: envelope.text.length,
            ...(envelope.html ? { htmlLength: envelope.html.length } : {}),
            headers: Object.keys(envelope.headers),
          },
          'message sent through the log adapter',
        );
        return { providerMessageId: `log:${envelope.messageId}`, answer: 'logged' };
      },
      async close() {},
    };
  },
};
