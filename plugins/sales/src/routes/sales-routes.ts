import {
  etagOf,
  pluginRoutes,
  type RapportEnv,
  type RouteContext,
  readJsonObject,
  useService,
} from '@rapport/server';
import type { Hono } from 'hono';
import type { ConvertLeadInput } from '../leads/convert-lead.js';
import type { ForecastFilters } from '../reports/forecast.js';
import { SALES } from '../service.js';
import { reportFilters } from './report-filters.js';

/**
 * The plugin's HTTP routes, mounted at `/api/sales` beside the generic entity routes. Every
 * handler acts as the caller (`c.get('actor')`), so permissions and record rules apply: a rep's
 * forecast is the forecast of their own deals.
 */
export function salesRoutes(): Hono<RapportEnv> {
  const app = pluginRoutes();
  const service = (c: RouteContext) => useService(c, SALES);

  app.get('/funnel', async (c) => c.json(await service(c).funnel(c.get('actor'), reportFilters(c))));
  app.get('/forecast', async (c) => {
    const filters = reportFilters(c, ['period']) as ForecastFilters;
    return c.json(await service(c).forecast(c.get('actor'), filters));
  });
  app.get('/velocity', async (c) => c.json(await service(c).velocity(c.get('actor'), reportFilters(c))));

  app.get('/board', async (c) => c.json(await service(c).board(c.get('actor'), c.req.query('pipeline'))));

  app.post('/leads/:id/convert', async (c) => {
    const body = (await readJsonObject(c, { emptyIsObject: true })) as ConvertLeadInput;
    const result = await service(c).convertLead(c.get('actor'), c.req.param('id'), body);
    return c.json(result, 201);
  });
  app.post('/deals/:id/reopen', async (c) => {
    const body = await readJsonObject(c, { emptyIsObject: true });
    const deal = await service(c).reopenDeal(c.get('actor'), c.req.param('id'), {
      reason: typeof body.reason === 'string' ? body.reason : '',
      ...(typeof body.stage === 'string' ? { stage: body.stage } : {}),
    });
    c.header('ETag', etagOf(deal.version));
    return c.json(deal);
  });
  app.post('/rules/run', async (c) => {
    c.get('kernel').access.assert(c.get('actor'), 'salesRule', 'run');
    return c.json(await service(c).runTimeRules());
  });
  return app;
}
