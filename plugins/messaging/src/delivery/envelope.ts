import type { LinkTokens } from '@rapport/core';
import { negotiateLocale } from '@rapport/server';
import type { Envelope } from '../adapters/adapter-types.js';
import type { ChannelAccountRecord } from '../entities/channel-account.js';
import type { MessageRecord } from '../entities/message.js';
import type { MessagingOptions } from '../options.js';
import { UNSUBSCRIBE_PURPOSE, unsubscribeUrl } from '../unsubscribe/unsubscribe-links.js';

const FOOTER = {
  en: { email: 'Unsubscribe', sms: 'Reply STOP to opt out.' },
  'zh-Hans': { email: '退订', sms: '回复TD退订' },
} as const;

function footerLocale(message: MessageRecord): keyof typeof FOOTER {
  return negotiateLocale(Object.keys(FOOTER), 'en', message.locale, undefined) as keyof typeof FOOTER;
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * What the adapter gets for one attempt. Marketing e-mail carries RFC 8058 one-click
 * unsubscribe (`List-Unsubscribe: <https://…/p/messaging/unsubscribe/<token>>` and
 * `List-Unsubscribe-Post: List-Unsubscribe=One-Click`) and the same link in a footer; marketing
 * SMS carries the opt-out keyword. A reply carries `In-Reply-To` and `References`. The link token
 * is issued for this attempt (only its HMAC is stored, so the message record never holds one).
 */
export async function buildEnvelope(
  message: MessageRecord,
  account: ChannelAccountRecord,
  attempt: number,
  signal: AbortSignal,
  options: MessagingOptions,
  links: LinkTokens,
): Promise<Envelope> {
  const headers: Record<string, string> = {};
  let text = message.text;
  let html = message.html;
  const locale = footerLocale(message);
  if (message.channel === 'email' && message.inReplyTo) {
    headers['In-Reply-To'] = message.inReplyTo;
    headers.References = message.inReplyTo;
  }
  if (message.purpose === 'marketing' && message.channel === 'email' && options.publicUrl) {
    const { token } = await links.issue({ purpose: UNSUBSCRIBE_PURPOSE, recordId: message.id });
    const url = unsubscribeUrl(options.publicUrl, token);
    headers['List-Unsubscribe'] = `<${url}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    text = `${text}\n\n--\n${FOOTER[locale].email}: ${url}\n`;
    if (html !== undefined) {
      html = `${html}\n<p style="font-size:small"><a href="${escapeAttribute(url)}">${FOOTER[locale].email}</a></p>`;
    }
  }
  if (message.purpose === 'marketing' && message.channel === 'sms') text = `${text} ${FOOTER[locale].sms}`;
  return {
    messageId: message.id,
    channel: message.channel,
    purpose: message.purpose,
    to: message.to,
    from: account.from,
    ...(account.fromName ? { fromName: account.fromName } : {}),
    ...(message.subject === undefined ? {} : { subject: message.subject }),
    text,
    ...(html === undefined ? {} : { html }),
    ...(message.messageIdHeader ? { messageIdHeader: message.messageIdHeader } : {}),
    headers,
    attempt,
    signal,
  };
}
