import { customers } from '@rapport/plugin-customers';
import { unboundedOpenApiPaths } from '@rapport/server';
import { createTestServer, openApiLintErrors, type TestServer } from '@rapport/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { nps } from './nps-plugin.js';

type Model = { views: Array<{ id: string; kind: string }>; menu: Array<{ id: string }> };
type Timeline = { items: Array<{ source: string; type: string; title: string; summary?: string }> };

describe('what the NPS plugin adds to customers and the console', () => {
  let s: TestServer<'admin'>;
  afterEach(() => s.stop());

  it('puts each answer on the customer’s timeline', async () => {
    s = await createTestServer({
      plugins: [customers(), nps()],
      keys: { admin: ['admin'] },
      now: '2026-04-10T09:00:00Z',
    });
    const { body: customer } = await s.json<{ id: string }>('POST', '/api/customers', 'admin', {
      name: 'Ada',
      kind: 'person',
    });
    const answer = {
      customerId: customer.id,
      score: 4,
      comment: 'Slow',
      answeredAt: '2026-04-09T10:00:00.000Z',
    };
    expect((await s.json('POST', '/api/nps-responses', 'admin', answer)).status).toBe(201);
    const { status, body } = await s.json<Timeline>('GET', `/api/customers/${customer.id}/timeline`, 'admin');
    expect(status).toBe(200);
    expect(body.items.filter((item) => item.source === 'nps')).toEqual([
      expect.objectContaining({
        type: 'nps.answered',
        title: 'Answered the NPS survey: 4/10 (detractor)',
        summary: 'Slow',
      }),
    ]);
  });

  it('declares its views, checked at boot and offered in the console model', async () => {
    s = await createTestServer({ plugins: [customers(), nps()], keys: { admin: ['admin'] } });
    const { body } = await s.json<Model>('GET', '/api/console/model', 'admin');
    expect(body.views.map((view) => `${view.kind}:${view.id}`)).toEqual(
      expect.arrayContaining([
        'list:nps.responses',
        'panel:nps.customerResponses',
        'tile:nps.scoreThisQuarter',
        'chart:nps.scoreByMonth',
        'dashboard:nps.dashboard',
      ]),
    );
    expect(body.menu.map((entry) => entry.id)).toContain('nps.menu');
  });

  it('documents its API route and public page in a valid, bounded OpenAPI document', async () => {
    s = await createTestServer({ plugins: [customers(), nps()], keys: { admin: ['admin'] } });
    const { status, body } = await s.json<{ paths: Record<string, Record<string, unknown>> }>(
      'GET',
      '/openapi.json',
      'admin',
    );
    expect(status).toBe(200);
    expect(await openApiLintErrors(body)).toEqual([]);
    expect(unboundedOpenApiPaths(body as never).filter((path) => /nps/i.test(path))).toEqual([]);
    expect(body.paths['/p/nps/survey/{token}']).toMatchObject({
      get: {
        parameters: [{ name: 'token', in: 'path' }],
        responses: { '200': { content: { 'text/html': {} } } },
      },
      post: { responses: { '400': { content: { 'text/html': {} } } } },
    });
    expect(body.paths['/api/nps/customers/{id}/survey-link']).toHaveProperty('post');
  });
});
