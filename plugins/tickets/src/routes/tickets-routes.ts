import {
  assertKnownParameters,
  METRIC_PERIOD_PARAMETERS,
  pluginRoutes,
  queryParams,
  type RapportEnv,
  readMetricPeriod,
  useService,
} from '@rapport/server';
import type { Hono } from 'hono';
import { TICKETS } from '../service.js';

/**
 * The plugin's HTTP routes, mounted at `/api/tickets` beside the generic entity routes
 * (`/api/tickets`, `/api/ticketReplies`, ...). Handlers act as the caller, so record rules apply.
 */
export function ticketsRoutes(): Hono<RapportEnv> {
  const app = pluginRoutes();
  app.get('/queue', async (c) => {
    const raw = c.req.query('limit');
    const limit = raw === undefined ? undefined : Number(raw);
    return c.json({ items: await useService(c, TICKETS).queue(c.get('actor'), limit) });
  });
  app.post('/:id/progress-link', async (c) =>
    c.json(await useService(c, TICKETS).issueProgressLink(c.req.param('id'), c.get('actor')), 201),
  );
  app.get('/stats', async (c) => {
    const params = queryParams(c.req.url, { maxParameters: 10 });
    assertKnownParameters(params, METRIC_PERIOD_PARAMETERS);
    const kernel = c.get('kernel');
    const period = readMetricPeriod(params, kernel.clock.now(), kernel.timeZone);
    return c.json(await useService(c, TICKETS).stats(c.get('actor'), period));
  });
  return app;
}
