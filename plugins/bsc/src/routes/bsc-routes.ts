import {
  assertKnownParameters,
  pluginRoutes,
  queryInt,
  queryParams,
  type RapportEnv,
  useService,
} from '@rapport/server';
import type { Hono } from 'hono';
import { BSC } from '../service.js';

/** Query-string limits of the plugin's routes. */
const LIMITS = { maxParameters: 10 };

/**
 * The plugin's HTTP routes, mounted at `/api/bsc` beside the generic entity routes
 * (`/api/scorecards`, `/api/bsc-kpis`, ...). Handlers act as the caller: a KPI's live actual is the
 * metric as the caller may read it.
 */
export function bscRoutes(): Hono<RapportEnv> {
  const app = pluginRoutes();
  app.get('/scorecards/:id/evaluation', async (c) => {
    assertKnownParameters(queryParams(c.req.url, LIMITS), ['period', 'history']);
    const history = queryInt(c, 'history', { min: 0, max: 12 });
    const evaluation = await useService(c, BSC).evaluate({
      scorecardId: c.req.param('id'),
      actor: c.get('actor'),
      ...(c.req.query('period') === undefined ? {} : { period: c.req.query('period') as string }),
      ...(history === undefined ? {} : { history }),
    });
    return c.json(evaluation);
  });
  return app;
}
