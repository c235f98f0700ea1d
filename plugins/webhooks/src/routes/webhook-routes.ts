import { pluginRoutes, type RapportEnv, readJsonObject } from '@rapport/server';
import type { Hono } from 'hono';
import type { WebhookSubscription } from '../entities/webhook-subscription.js';
import {
  createSubscription,
  enableSubscription,
  renewSecret,
  retryDelivery,
} from './subscription-service.js';

/**
 * The plugin's routes, at `/api/webhooks`, each acting as the caller: create a subscription and
 * get its secret (once), make a new secret, enable a disabled subscription, send a given-up
 * delivery again. Listing, reading,
 * changing and deleting subscriptions, and reading the delivery log, are the generic routes
 * (`/api/webhook-subscriptions`, `/api/webhook-deliveries`).
 */
export function webhookRoutes(): Hono<RapportEnv> {
  const app = pluginRoutes();
  app.post('/subscriptions', async (c) => {
    const body = (await readJsonObject(c)) as unknown as WebhookSubscription;
    return c.json(await createSubscription(c.get('kernel'), c.get('actor'), body), 201);
  });
  app.post('/subscriptions/:id/secret', async (c) =>
    c.json(await renewSecret(c.get('kernel'), c.get('actor'), c.req.param('id'))),
  );
  app.post('/subscriptions/:id/enable', async (c) =>
    c.json({ subscription: await enableSubscription(c.get('kernel'), c.get('actor'), c.req.param('id')) }),
  );
  app.post('/deliveries/:id/retry', async (c) =>
    c.json({ delivery: await retryDelivery(c.get('kernel'), c.get('actor'), c.req.param('id')) }),
  );
  return app;
}
