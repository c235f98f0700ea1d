import { SYSTEM_ACTOR } from '@rapport/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer, type ServerFixture } from '../test-support/fixture.js';
import { MAX_AGGREGATE_ROWS } from './entity-routes.js';

describe('GET /aggregate', () => {
  let f: ServerFixture;
  beforeAll(async () => {
    f = await bootServer();
    // One group more than an answer holds, written straight to the store.
    await f.t.store.transaction(async (tx) => {
      for (let i = 0; i <= MAX_AGGREGATE_ROWS; i += 1) {
        await tx.insert('serviceTicket', {
          id: `t${i}`,
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
          version: 1,
          title: `ticket ${i}`,
          team: i % 2 ? 'north' : 'south',
        });
      }
    });
  });
  afterAll(() => f.t.stop());
  const aggregate = (query: string) =>
    f.app.request(`/api/service-tickets/aggregate?${query}`, { headers: f.auth(f.keys.admin) });

  it(`answers at most ${MAX_AGGREGATE_ROWS} groups, else a 400 on groupBy`, async () => {
    const many = await aggregate('groupBy=title&measures[n]=count');
    expect(many.status).toBe(400);
    expect(await many.json()).toMatchObject({
      code: 'INVALID_QUERY',
      details: { field: 'groupBy', rule: 'max-groups' },
    });
    const few = await aggregate('groupBy=team&measures[n]=count');
    expect(few.status).toBe(200);
    expect((await few.json()).rows).toHaveLength(2);
    // Kernel aggregates (metrics, plugins) are not capped: only the HTTP answer is.
    const rows = await f.t.kernel
      .data('serviceTicket', { actor: SYSTEM_ACTOR })
      .aggregate({ groupBy: ['title'], measures: { n: 'count' } });
    expect(rows).toHaveLength(MAX_AGGREGATE_ROWS + 1);
  });
});
