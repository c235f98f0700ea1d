import { afterEach, describe, expect, it } from 'vitest';
import { bootServer } from '../test-support/boot.js';

type Server = Awaited<ReturnType<typeof bootServer>>;

describe('the pipeline board and the console views', () => {
  let s: Server;
  afterEach(async () => s?.t.stop());

  it('answers the lanes of a pipeline with what a deal gets in each stage, and the pipelines to switch to', async () => {
    s = await bootServer();
    const board = await s.request('GET', '/api/sales/board', 'rep');
    expect(board.status).toBe(200);
    const body = (await board.json()) as {
      lanes: Array<{ value: string; probability: number; forecastCategory: string; kind: string }>;
      params: { pipeline: string };
      options: { pipeline: Array<{ value: string; title: string }> };
    };
    expect(body.params).toEqual({ pipeline: 'new-business' });
    expect(
      body.lanes.map((lane) => [lane.value, lane.probability, lane.forecastCategory, lane.kind]),
    ).toEqual([
      ['qualification', 10, 'pipeline', 'open'],
      ['needs-analysis', 25, 'pipeline', 'open'],
      ['proposal', 50, 'best-case', 'open'],
      ['negotiation', 80, 'commit', 'open'],
      ['won', 100, 'commit', 'won'],
      ['lost', 0, 'omitted', 'lost'],
    ]);
    expect(body.options.pipeline).toEqual([
      { value: 'dealers', title: 'Dealers' },
      { value: 'new-business', title: 'New business' },
      { value: 'renewals', title: 'Renewals' },
    ]);
    const renewals = (await (await s.request('GET', '/api/sales/board?pipeline=renewals', 'rep')).json()) as {
      lanes: Array<{ value: string }>;
    };
    expect(renewals.lanes[0]?.value).toBe('upcoming');

    const unknown = await s.request('GET', '/api/sales/board?pipeline=nope', 'rep');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({
      errors: [{ path: 'pipeline', rule: 'sales.pipeline', message: expect.stringContaining('dealers') }],
    });
  });

  it('declares the board, lists, lead conversion, report charts and menu for the console', async () => {
    s = await bootServer();
    const model = (await (await s.request('GET', '/api/console/model', 'rep')).json()) as {
      views: Array<{ id: string; kind: string }>;
      menu: Array<{ id: string }>;
    };
    const ids = model.views.map((view) => view.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'sales.board',
        'sales.openDeals',
        'sales.myDeals',
        'sales.convertLead',
        'sales.funnel',
        'sales.forecast',
        'sales.velocity',
        'sales.reports',
      ]),
    );
    expect(model.menu.map((entry) => entry.id)).toContain('sales.boardMenu');
    // A viewer may not update leads: the conversion is not offered.
    const viewer = (await (await s.request('GET', '/api/console/model', 'viewer')).json()) as {
      views: Array<{ id: string }>;
    };
    expect(viewer.views.map((view) => view.id)).not.toContain('sales.convertLead');
    expect(viewer.views.map((view) => view.id)).toContain('sales.board');
  });
});
