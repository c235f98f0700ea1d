import { type Actor, SYSTEM_ACTOR, USERS } from '@rapport/core';
import { apiKeys, createApiKey, createServer } from '@rapport/server';
import { createTestKernel, type TestKernel } from '@rapport/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quickstartPlugins } from './plugins.js';

/**
 * The authorization matrix's metric rows, over the whole composition: for every metric in the
 * registry, a key without permissions gets 403, and a sales rep's figure is what the admin's
 * figure becomes once every record the rep's record rules hide is gone. That is, a metric
 * never counts what the caller's lists and aggregates would not show.
 */
const PERIOD = 'from=2024-01-01&to=2028-01-01';
/** A demo sales rep (a user account): their key acts as them. */
const REP_EMAIL = 'lukas.weber@example.com';
type MetricAnswer = { status: number; value?: number | null; body: Record<string, unknown> };

describe('authorization matrix: every metric is computed as the caller', () => {
  let t: TestKernel;
  let app: ReturnType<typeof createServer>;
  const keys: Record<string, string> = {};
  let rep: Actor;
  let metricIds: string[] = [];
  /** Parameters of the metrics that need some (`bsc.score`: the demo scorecard). */
  const params: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestKernel({
      plugins: [apiKeys(), ...quickstartPlugins({ customers: 40, deals: 90 })],
      now: '2026-06-01T00:00:00Z',
      access: { roles: { outsider: ['nothing:read'] } },
    });
    app = createServer(t.kernel, { logRequests: false });
    keys.none = (await createApiKey(t.kernel, { name: 'none', roles: ['outsider'] })).key;
    keys.admin = (await createApiKey(t.kernel, { name: 'admin', roles: ['admin'] })).key;
    const repUser = await t.kernel.resolve(USERS).resolve(REP_EMAIL, { actor: SYSTEM_ACTOR });
    rep = { id: repUser.id, kind: 'apiKey', roles: ['salesRep'] };
    keys.rep = (await createApiKey(t.kernel, { name: 'rep', roles: ['salesRep'], userId: REP_EMAIL })).key;
    metricIds = t.kernel.metrics.list().map((metric) => metric.id);
    const scorecard = (await t.kernel.data('scorecard', { actor: SYSTEM_ACTOR }).find({ limit: 1 })).items[0];
    params['bsc.score'] = `&scorecard=${scorecard?.id}`;
  }, 120_000);
  afterAll(() => t.stop());

  const read = async (key: string, id: string): Promise<MetricAnswer> => {
    const res = await app.request(`/api/metrics/${id}?${PERIOD}${params[id] ?? ''}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const body = (await res.json()) as Record<string, unknown>;
    return { status: res.status, value: body.value as number | null | undefined, body };
  };

  /** Deletes, below the data API, every record of a ruled entity that the rep cannot see. */
  async function removeWhatTheRepCannotSee(): Promise<number> {
    let removed = 0;
    for (const entity of t.kernel.entities.values()) {
      if (t.kernel.access.rulesFor(rep, entity.name).length === 0) continue;
      // An entity the rep may not read at all (webhook subscriptions): its metrics answer the rep 403.
      if (!t.kernel.access.can(rep, entity.name, 'read')) continue;
      const all = await t.kernel.store.transaction((tx) =>
        tx.find(entity.name, { sort: [], limit: 1_000_000 }),
      );
      const visible = new Set<string>();
      let cursor: string | undefined;
      do {
        const page = await t.kernel
          .data(entity.name, { actor: rep })
          .find({ limit: 500, fields: ['id'], ...(cursor ? { cursor } : {}) });
        for (const item of page.items) visible.add(item.id);
        cursor = page.nextCursor;
      } while (cursor);
      const hidden = all.filter((record) => !visible.has(record.id));
      await t.kernel.store.transaction(async (tx) => {
        for (const record of hidden) await tx.delete(entity.name, record.id);
      });
      removed += hidden.length;
    }
    return removed;
  }

  it('lists the metrics of both plugins', () => {
    expect(metricIds).toEqual(
      expect.arrayContaining([
        'customers.new',
        'customers.total',
        'sales.pipelineValue',
        'sales.winRate',
        'sales.avgDealSize',
        'sales.revenue',
        'sales.cycleDays',
        'sales.crossSellRate',
        'sales.newCustomers',
      ]),
    );
  });

  it('a key without permissions gets 403 on every metric and on the list', async () => {
    expect(
      (await app.request('/api/metrics', { headers: { authorization: `Bearer ${keys.none}` } })).status,
    ).toBe(403);
    for (const id of metricIds) expect((await read(keys.none as string, id)).status, id).toBe(403);
  });

  it('a rep’s figure for every metric equals the admin’s figure over only the rep’s records', async () => {
    const asRep = new Map<string, MetricAnswer>();
    const asAdminBefore = new Map<string, MetricAnswer>();
    for (const id of metricIds) {
      asRep.set(id, await read(keys.rep as string, id));
      asAdminBefore.set(id, await read(keys.admin as string, id));
      expect(asAdminBefore.get(id)?.status, id).toBe(200);
    }
    // The rep owns some deals but far from all: their pipeline differs from the company's.
    const repDeals = await t.kernel.data('deal', { actor: rep }).count();
    const allDeals = await t.kernel.data('deal', { actor: SYSTEM_ACTOR }).count();
    expect(repDeals).toBeGreaterThan(0);
    expect(repDeals).toBeLessThan(allDeals);
    expect(asRep.get('sales.pipelineValue')?.value).not.toBe(asAdminBefore.get('sales.pipelineValue')?.value);
    expect(asRep.get('sales.revenue')?.value).not.toBe(asAdminBefore.get('sales.revenue')?.value);

    expect(await removeWhatTheRepCannotSee()).toBeGreaterThan(0);
    for (const id of metricIds) {
      const mine = asRep.get(id) as MetricAnswer;
      if (mine.status === 403) {
        // Reading the metric needs records the rep may not read at all: the 403 names them.
        expect(mine.body, id).toMatchObject({
          code: 'FORBIDDEN',
          detail: expect.stringContaining(`metric '${id}'`),
        });
        continue;
      }
      expect(mine.status, id).toBe(200);
      const after = await read(keys.admin as string, id);
      expect(mine.value, id).toEqual(after.value);
    }
  });
});
