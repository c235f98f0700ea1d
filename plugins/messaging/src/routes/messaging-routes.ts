import { fieldError } from '@rapport/core';
import {
  pluginRoutes,
  type RapportEnv,
  type RouteContext,
  readJsonObject,
  useService,
} from '@rapport/server';
import type { Hono } from 'hono';
import { MESSAGING } from '../service.js';
import { previewTemplate } from '../templates/preview-template.js';

/** The idempotency header of `POST /messages` (the IETF draft's name, as Stripe uses it). */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const KEY = /^[\x21-\x7e]{1,255}$/;

function idempotencyKey(c: RouteContext, body: Record<string, unknown>): string | undefined {
  const header = c.req.header(IDEMPOTENCY_HEADER);
  if (header === undefined) return undefined;
  if (!KEY.test(header)) {
    throw fieldError('message', 'Idempotency-Key', 'pattern', 'must be 1–255 visible ASCII characters');
  }
  if (body.idempotencyKey !== undefined && body.idempotencyKey !== header) {
    throw fieldError(
      'message',
      'idempotencyKey',
      'messaging.idempotency.mismatch',
      'differs from the Idempotency-Key header',
    );
  }
  return header;
}

/**
 * The plugin's HTTP routes, mounted at `/api/messaging`. Every handler acts as the caller, so
 * permissions (`message:send`, `consent:read`, `messageTemplate:read`) and record rules apply.
 */
export function messagingRoutes(): Hono<RapportEnv> {
  const app = pluginRoutes();
  const service = (c: RouteContext) => useService(c, MESSAGING);

  app.post('/messages', async (c) => {
    const body = await readJsonObject(c);
    const key = idempotencyKey(c, body);
    const outcome = await service(c).send({ ...body, ...(key ? { idempotencyKey: key } : {}) } as never, {
      actor: c.get('actor'),
    });
    if (!outcome.created) c.header('Idempotent-Replayed', 'true');
    return c.json(outcome.message, outcome.created ? 201 : 200);
  });

  app.get('/customers/:id/consents', async (c) => {
    const items = await service(c).consents(c.req.param('id'), { actor: c.get('actor') });
    return c.json({ items });
  });

  app.get('/templates/:id/preview', async (c) => {
    const customerId = c.req.query('customerId');
    return c.json(
      await previewTemplate(
        c.get('kernel'),
        c.get('actor'),
        c.req.param('id'),
        customerId ? { customerId } : {},
      ),
    );
  });

  app.post('/templates/:id/preview', async (c) => {
    const body = await readJsonObject(c, { emptyIsObject: true });
    const { customerId, data } = body;
    if (customerId !== undefined && typeof customerId !== 'string') {
      throw fieldError('preview', 'customerId', 'type', 'must be a customer id');
    }
    if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data))) {
      throw fieldError('preview', 'data', 'type', 'must be an object');
    }
    return c.json(
      await previewTemplate(c.get('kernel'), c.get('actor'), c.req.param('id'), {
        ...(customerId ? { customerId } : {}),
        ...(data ? { data: data as never } : {}),
      }),
    );
  });

  return app;
}
