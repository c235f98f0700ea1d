import {
  assertKnownParameters,
  HttpProblem,
  pluginRoutes,
  queryInt,
  queryParams,
  type RapportEnv,
  type RouteContext,
  readJsonObject,
  useService,
} from '@rapport/server';
import type { Hono } from 'hono';
import { renderMapSvg } from '../map/render-svg.js';
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
  const mapOf = (c: RouteContext) => {
    assertKnownParameters(queryParams(c.req.url, LIMITS), ['period']);
    const period = c.req.query('period');
    return useService(c, BSC).map({
      scorecardId: c.req.param('id') as string,
      actor: c.get('actor'),
      ...(period === undefined ? {} : { period }),
    });
  };
  app.get('/scorecards/:id/map', async (c) => c.json(await mapOf(c)));
  app.get('/scorecards/:id/map.svg', async (c) => {
    const map = await mapOf(c);
    const svg = renderMapSvg(map, `Strategy map of ${map.scorecard.name}, ${map.period.key}`);
    return c.body(svg, 200, { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'no-store' });
  });
  app.post('/scorecards/from-template', async (c) => {
    const result = await useService(c, BSC).fromTemplate(await readJsonObject(c), c.get('actor'));
    return c.json(result, 201);
  });
  app.post('/scorecards/:id/close', async (c) => {
    assertKnownParameters(queryParams(c.req.url, LIMITS), ['period']);
    const period = c.req.query('period');
    if (period === undefined) {
      throw new HttpProblem(
        'INVALID_QUERY',
        "period is required (a period of the scorecard's kind: 2026-03, 2026-Q1 or 2026)",
        {
          details: { field: 'period', rule: 'required' },
        },
      );
    }
    const { close, closedNow } = await useService(c, BSC).close({
      scorecardId: c.req.param('id'),
      period,
      actor: c.get('actor'),
    });
    const body = {
      scorecardId: close.scorecardId,
      period: close.period,
      closedAt: close.closedAt,
      score: close.score ?? null,
      closedNow,
    };
    return c.json(body, closedNow ? 201 : 200);
  });
  return app;
}
