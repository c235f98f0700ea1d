import { type Kernel, missing, SYSTEM_ACTOR } from '@rapport/core';
import type { Customer } from '@rapport/plugin-customers';
import type { PublicEnv } from '@rapport/server';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { optOut } from '../consent/opt-out.js';
import type { Message, MessageRecord } from '../entities/message.js';
import { UNSUBSCRIBE_PURPOSE } from './unsubscribe-links.js';

/** An address shown on the page, partly hidden (the link may be forwarded): `a***@example.com`, `+49******5678`. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at > 0) return `${address[0]}***${address.slice(at)}`;
  return address.length > 6
    ? `${address.slice(0, 3)}${'*'.repeat(address.length - 7)}${address.slice(-4)}`
    : '***';
}

async function load(kernel: Kernel, id: string): Promise<{ message: MessageRecord; language?: string }> {
  const message = (await kernel.data<Message>('message', { actor: SYSTEM_ACTOR }).get(id)) as MessageRecord;
  const customer = message.customerId
    ? await kernel.data<Customer>('customer', { actor: SYSTEM_ACTOR }).get(message.customerId).catch(missing)
    : undefined;
  const language = message.locale ?? customer?.objective?.language;
  return { message, ...(language ? { language } : {}) };
}

/**
 * The unsubscribe page at `/p/messaging/unsubscribe/<token>` (the link of a marketing message's
 * footer and `List-Unsubscribe` header), in the customer's language (English or Simplified
 * Chinese): GET asks (mail scanners fetch links, so GET never unsubscribes); POST unsubscribes —
 * the page's button, or a mail client's RFC 8058 one-click `List-Unsubscribe=One-Click`. The link
 * is reusable until it expires; unsubscribing twice changes nothing. Any bad token gets the
 * server's one 404.
 */
export function unsubscribeRoutes(): Hono<PublicEnv> {
  const app = new Hono<PublicEnv>();
  app.get('/:token', async (c) => {
    const grant = await c.var.links.verify({ purpose: UNSUBSCRIBE_PURPOSE });
    const { message, language } = await load(c.var.kernel, grant.recordId);
    const page = c.var.pages.page(language);
    const values = { channel: message.channel, address: maskAddress(message.to) };
    return page.render({
      title: page.t('title'),
      body: html`<p>${page.t('question', values)}</p><p>${page.t('explain')}</p>${page.form({ submit: page.t('confirm') })}`,
    });
  });
  app.post('/:token', async (c) => {
    const kernel = c.var.kernel;
    const message = await kernel.transaction(async (tx) => {
      const grant = await c.var.links.consume({ purpose: UNSUBSCRIBE_PURPOSE });
      const record = (await tx
        .data<Message>('message', { actor: SYSTEM_ACTOR })
        .get(grant.recordId)) as MessageRecord;
      await optOut(tx, {
        channel: record.channel,
        address: record.to,
        ...(record.customerId ? { customerId: record.customerId } : {}),
        source: 'unsubscribe-link',
        messageId: record.id,
      });
      return record;
    });
    const { language } = await load(kernel, message.id);
    const page = c.var.pages.page(language);
    return page.message({
      title: page.t('done'),
      text: page.t('doneText', { channel: message.channel, address: maskAddress(message.to) }),
    });
  });
  return app;
}

/** OpenAPI path items of the unsubscribe page, relative to `/p/messaging/unsubscribe`. */
export const UNSUBSCRIBE_OPENAPI: Record<string, unknown> = {
  '/{token}': {
    get: {
      operationId: 'messagingUnsubscribePage',
      summary: 'The unsubscribe page of a marketing message (asks; never unsubscribes)',
      parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string', maxLength: 100 } }],
      responses: {
        '200': {
          description: 'An HTML page.',
          content: { 'text/html': { schema: { type: 'string', maxLength: 100_000 } } },
        },
      },
    },
    post: {
      operationId: 'messagingUnsubscribe',
      summary: 'Unsubscribe from marketing on the message’s channel (the page’s form, or RFC 8058 one-click)',
      parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string', maxLength: 100 } }],
      requestBody: {
        required: false,
        content: {
          'application/x-www-form-urlencoded': {
            schema: {
              type: 'object',
              properties: { 'List-Unsubscribe': { type: 'string', enum: ['One-Click'] } },
              additionalProperties: false,
            },
          },
        },
      },
      responses: {
        '200': {
          description: 'An HTML page confirming it.',
          content: { 'text/html': { schema: { type: 'string', maxLength: 100_000 } } },
        },
      },
    },
  },
};
