import { RapportError } from '@rapport/core';
import type { PublicEnv } from '@rapport/server';
import { Hono } from 'hono';
import { checkInbound, type InboundMessage, parseMime } from '../inbound/inbound-message.js';
import { MESSAGING } from '../service.js';
import { checkStatusReport } from '../status/status-report.js';
import { callbackAccount } from './account-secret.js';

/** Where the callbacks are mounted, below `/p/messaging`. */
export const CALLBACK_PATH = 'callbacks';

/**
 * Gateways' callbacks, signed with the account's `callback` secret (`X-Rapport-Signature`):
 * `POST /p/messaging/callbacks/<accountId>/status` takes a delivery report (see
 * `StatusReport`); `POST /p/messaging/callbacks/<accountId>/inbound` an inbound message, as
 * JSON (`InboundMessage`) or a raw e-mail (`message/rfc822`, parsed with mailparser). A missing, stale or wrong signature, or an account without a callback
 * secret, gets the one 401.
 */
export function callbackRoutes(): Hono<PublicEnv> {
  const app = new Hono<PublicEnv>();
  app.post('/:accountId/status', async (c) => {
    const { account, secret } = await callbackAccount(c.var.kernel, c.req.param('accountId'));
    await c.var.signature.verify(account ? secret : undefined);
    const report = checkStatusReport(await c.req.json());
    return c.json(
      await c.var.kernel.resolve(MESSAGING).report(account as NonNullable<typeof account>, report),
    );
  });
  app.post('/:accountId/inbound', async (c) => {
    const { account, secret } = await callbackAccount(c.var.kernel, c.req.param('accountId'));
    const raw = await c.var.signature.verify(account ? secret : undefined);
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    let inbound: InboundMessage;
    if (type === 'message/rfc822') inbound = await parseMime(raw);
    else if (type === 'application/json') inbound = checkInbound(await c.req.json());
    else
      throw new RapportError(
        'UNSUPPORTED_MEDIA_TYPE',
        `send the message as application/json or message/rfc822 (got '${type || 'none'}')`,
      );
    return c.json(
      await c.var.kernel.resolve(MESSAGING).receive(account as NonNullable<typeof account>, inbound),
    );
  });
  return app;
}
