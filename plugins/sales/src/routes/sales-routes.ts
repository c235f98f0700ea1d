import type { RapportEnv } from '@rapport/server';
import { Hono } from 'hono';
import type { ConvertLeadInput } from '../leads/convert-lead.js';
import type { ForecastFilters } from '../reports/forecast.js';
import { SALES } from '../service.js';
import { jsonBody, reportFilters } from './request-helpers.js';

/**
 * The plugin's HTTP routes, mounted at `/api/sales` beside the generic entity routes. Every
 * handler acts as the caller (`c.get('actor')`), so permissions and record rules apply: a rep's
 * forecast is the forecast of their own deals.
 */
export function salesRoutes(): Hono<RapportEnv> {
  const app = new Hono<RapportEnv>();
  const service = (c: { get(key: 'kernel'): RapportEnv['Variables']['kernel'] }) =>
    c.get('kernel').resolve(SALES);

  app.get('/funnel', async (c) => c.json(await service(c).funnel(c.get('actor'), reportFilters(c))));
  app.get('/forecast', async (c) => {
    const period = c.req.query('period');
    const filters: ForecastFilters = {
      ...reportFilters(c),
      ...(period ? { period: period as ForecastFilters['period'] } : {}),
    };
    return c.json(await service(c).forecast(c.get('actor'), filters));
  });
  app.get('/velocity', async (c) => c.json(await service(c).velocity(c.get('actor'), reportFilters(c))));

  app.post('/leads/:id/convert', async (c) => {
    const body = (await jsonBody(c)) as ConvertLeadInput;
    const result = await service(c).convertLead(c.get('actor'), c.req.param('id'), body);
    return c.json(result, 201);
  });
  app.post('/deals/:id/reopen', async (c) => {
    const body = await jsonBody(c);
    const deal = await service(c).reopenDeal(c.get('actor'), c.req.param('id'), {
      reason: typeof body.reason === 'string' ? body.reason : '',
      ...(typeof body.stage === 'string' ? { stage: body.stage } : {}),
    });
    c.header('ETag', `"v${deal.version}"`);
    return c.json(deal);
  });
  app.post('/rules/run', async (c) => {
    c.get('kernel').access.assert(c.get('actor'), 'salesRule', 'run');
    return c.json(await service(c).runTimeRules());
  });
  return app;
}
