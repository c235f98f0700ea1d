import { definePlugin } from '@rapport/core';
import { unboundedOpenApiPaths } from '@rapport/server';
import { createTestServer, openApiLintErrors, type TestServer } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { bsc } from '../bsc-plugin.js';
import { kpi, objective, scorecard } from '../test-support/boot.js';
import { shop } from '../test-support/shop-plugin.js';

type Keys = 'admin' | 'strategist' | 'nobody';
let server: TestServer<Keys> | undefined;

const outsiders = definePlugin({
  id: 'outsiders',
  version: '0.0.0',
  register(ctx) {
    ctx.access.grant('outsider', ['metric:read']);
  },
});
afterEach(async () => {
  await server?.t.stop();
  server = undefined;
});

async function boot(): Promise<TestServer<Keys>> {
  server = await createTestServer({
    plugins: [shop(), outsiders(), bsc()],
    now: '2026-05-15T10:00:00.000Z',
    keys: { admin: ['admin'], strategist: ['strategyManager'], nobody: ['outsider'] },
  });
  return server;
}

describe('GET /api/bsc/scorecards/:id/evaluation', () => {
  it('answers the evaluation, and a 400 naming the period or parameter that is wrong', async () => {
    const s = await boot();
    const card = await scorecard(s.t);
    const goal = await objective(s.t, card.id, { name: 'Grow', perspective: 'financial' });
    await kpi(s.t, goal.id, {
      name: 'Revenue',
      source: 'metric',
      metric: 'shop.revenue',
      target: 10,
      direction: 'higher',
    });
    const ok = await s.json<{ period: { key: string }; perspectives: unknown[] }>(
      'GET',
      `/api/bsc/scorecards/${card.id}/evaluation?period=2026-04&history=2`,
      'strategist',
    );
    expect(ok.status).toBe(200);
    expect(ok.body.period.key).toBe('2026-04');
    expect(ok.body.perspectives).toHaveLength(4);
    const bad = await s.json<{ detail: string }>(
      'GET',
      `/api/bsc/scorecards/${card.id}/evaluation?period=2026-4`,
      'strategist',
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("must be a month like '2026-03', got '2026-4'");
    expect(
      (await s.json('GET', `/api/bsc/scorecards/${card.id}/evaluation?when=now`, 'strategist')).status,
    ).toBe(400);
    expect(
      (await s.json('GET', `/api/bsc/scorecards/${card.id}/evaluation?history=13`, 'strategist')).status,
    ).toBe(400);
    expect((await s.json('GET', '/api/bsc/scorecards/nope/evaluation', 'strategist')).status).toBe(404);
    expect((await s.json('GET', `/api/bsc/scorecards/${card.id}/evaluation`, 'nobody')).status).toBe(403);
  });

  it('POST .../close closes an ended period once (201, then 200), refuses an open one (409) and a reader (403)', async () => {
    const s = await boot();
    const card = await scorecard(s.t);
    const close = (period: string, key: Keys = 'strategist') =>
      s.json<Record<string, unknown>>('POST', `/api/bsc/scorecards/${card.id}/close?period=${period}`, key);
    const first = await close('2026-04');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      scorecardId: card.id,
      period: '2026-04',
      score: null,
      closedNow: true,
    });
    const again = await close('2026-04');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ closedNow: false, closedAt: first.body.closedAt });
    expect((await close('2026-05')).status).toBe(409);
    expect((await close('2026-Q1')).status).toBe(400);
    expect((await s.json('POST', `/api/bsc/scorecards/${card.id}/close`, 'strategist')).status).toBe(400);
    expect((await close('2026-03', 'nobody')).status).toBe(403);
  });

  it('POST /scorecards/from-template lays out a scorecard (201) and names a bad field (400)', async () => {
    const s = await boot();
    const made = await s.json<{ scorecard: { id: string; valueProposition: string }; links: number }>(
      'POST',
      '/api/bsc/scorecards/from-template',
      'strategist',
      { valueProposition: 'operationalExcellence', timeZone: 'Europe/Berlin' },
    );
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      scorecard: { valueProposition: 'operationalExcellence' },
      links: 3 * 2 + 2 + 2,
    });
    const bad = await s.json('POST', '/api/bsc/scorecards/from-template', 'strategist', {
      valueProposition: 'x',
      extra: 1,
    });
    expect(bad.status).toBe(400);
    expect(
      (
        await s.json('POST', '/api/bsc/scorecards/from-template', 'nobody', {
          valueProposition: 'customerIntimacy',
        })
      ).status,
    ).toBe(403);
  });

  it('documents its routes in a valid, bounded OpenAPI document', async () => {
    const s = await boot();
    const doc = await s.json('GET', '/openapi.json', 'admin');
    expect(doc.status).toBe(200);
    expect(await openApiLintErrors(doc.body)).toEqual([]);
    const loose = unboundedOpenApiPaths(doc.body as never).filter((path) => /bsc|scorecard/i.test(path));
    expect(loose).toEqual([]);
    expect(Object.keys((doc.body as { paths: object }).paths)).toContain(
      '/api/bsc/scorecards/{id}/evaluation',
    );
  });
});
