import type { PublicEnv } from '@rapport/server';
import { Hono } from 'hono';
import { applyStatusReport, checkStatusReport } from '../status/status-report.js';
import { callbackAccount } from './account-secret.js';

/** Where the callbacks are mounted, below `/p/messaging`. */
export const CALLBACK_PATH = 'callbacks';

/**
 * Gateways' callbacks, signed with the account's `callback` secret (`X-Rapport-Signature`):
 * `POST /p/messaging/callbacks/<accountId>/status` takes a delivery report (see
 * `StatusReport`). A missing, stale or wrong signature, or an account without a callback
 * secret, gets the one 401.
 */
export function callbackRoutes(): Hono<PublicEnv> {
  const app = new Hono<PublicEnv>();
  app.post('/:accountId/status', async (c) => {
    const { account, secret } = await callbackAccount(c.var.kernel, c.req.param('accountId'));
    await c.var.signature.verify(account ? secret : undefined);
    const report = checkStatusReport(await c.req.json());
    const result = await applyStatusReport(c.var.kernel, account as NonNullable<typeof account>, report);
    return c.json(result);
  });
  return app;
}
