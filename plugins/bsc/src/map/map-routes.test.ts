import { createTestServer } from '@rapport/testing';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { bsc } from '../bsc-plugin.js';
import { shop } from '../test-support/shop-plugin.js';
import type { StrategyMap } from './strategy-map.js';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('GET /api/bsc/scorecards/:id/map.svg', () => {
  it('answers an SVG that parses as XML, with one node per objective and one arrow per link, laid out as the JSON says', async () => {
    const s = await createTestServer({
      plugins: [shop(), bsc()],
      now: '2026-05-15T10:00:00.000Z',
      keys: { admin: ['admin'] },
    });
    stop = () => s.t.stop();
    const made = await s.json<{ scorecard: { id: string }; objectives: number; links: number }>(
      'POST',
      '/api/bsc/scorecards/from-template',
      'admin',
      { valueProposition: 'customerIntimacy', name: 'R&D <Strategy>' },
    );
    const id = made.body.scorecard.id;
    const response = await s.request('GET', `/api/bsc/scorecards/${id}/map.svg`, 'admin');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const svg = await response.text();
    expect(XMLValidator.validate(svg)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg);
    const groups = [doc.svg.g].flat() as Array<{ class: string; polyline?: unknown }>;
    const nodes = groups.filter((g) => g.class === 'node');
    const arrows = [doc.svg.polyline].flat();
    expect(nodes).toHaveLength(made.body.objectives);
    expect(arrows).toHaveLength(made.body.links);
    expect(doc.svg.title).toBe('Strategy map of R&D <Strategy>, 2026-Q2');
    const layout = await s.json<StrategyMap>('GET', `/api/bsc/scorecards/${id}/map`, 'admin');
    expect(layout.status).toBe(200);
    expect(layout.body.nodes).toHaveLength(made.body.objectives);
    expect(layout.body.arrows.map((a) => a.points.map((p) => p.join(',')).join(' '))).toEqual(
      arrows.map((a: { points: string }) => a.points),
    );
    expect((await s.json('GET', `/api/bsc/scorecards/${id}/map.svg?period=2026-05`, 'admin')).status).toBe(
      400,
    );
  });
});
