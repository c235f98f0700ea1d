import { SYSTEM_ACTOR } from '@rapport/core';
import { apiKeys, createApiKey, createServer } from '@rapport/server';
import { createTestKernel, type TestKernel } from '@rapport/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quickstartPlugins } from './plugins.js';

/**
 * The authorization matrix over the whole composition (customers and sales): for every exposed
 * entity, a key without the permission never reads or changes a record through get, list or
 * aggregate; a read-only key never changes one; and a key whose record rule excludes a record
 * (a sales rep and another rep's deal) never sees it, in a list, a filter, an aggregate or a get.
 */
type Page = { items: Array<{ ownerId?: string }> };

describe('authorization matrix over every exposed entity', () => {
  let t: TestKernel;
  let app: ReturnType<typeof createServer>;
  const keys: Record<string, string> = {};
  const sample = new Map<string, string>();
  beforeAll(async () => {
    t = await createTestKernel({
      plugins: [apiKeys(), ...quickstartPlugins({ customers: 8, deals: 12 })],
      now: '2026-06-01T00:00:00Z',
      access: { roles: { outsider: ['nothing:read'] } },
    });
    // The clock stands still here: the per-key burst would refill never, and this is about permissions.
    app = createServer(t.kernel, { logRequests: false, rateLimit: false });
    keys.none = (await createApiKey(t.kernel, { name: 'none', roles: ['outsider'] })).key;
    keys.viewer = (await createApiKey(t.kernel, { name: 'viewer', roles: ['viewer'] })).key;
    keys.rep = (
      await createApiKey(t.kernel, { name: 'rep', roles: ['salesRep'], attributes: { userId: 'rep-1' } })
    ).key;
    for (const entity of t.kernel.entities.values()) {
      if (!entity.exposed) continue;
      const { items } = await t.kernel.data(entity.name, { actor: SYSTEM_ACTOR }).find({ limit: 1 });
      if (items[0]) sample.set(entity.name, items[0].id);
    }
  }, 120_000);
  afterAll(() => t.stop());

  const call = (key: string, method: string, path: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  it('covers the entities of both plugins, with sample records', () => {
    expect([...sample.keys()]).toEqual(
      expect.arrayContaining(['customer', 'interaction', 'deal', 'pipeline', 'order', 'activity']),
    );
  });

  it('a key without permissions gets 403 on every verb of every entity, and changes nothing', async () => {
    for (const entity of t.kernel.entities.values()) {
      if (!entity.exposed) continue;
      const base = `/api/${entity.path}`;
      const id = sample.get(entity.name) ?? 'none';
      const before = await t.kernel.data(entity.name, { actor: SYSTEM_ACTOR }).count();
      for (const [method, path, body] of [
        ['GET', base],
        ['GET', `${base}/aggregate?measures[n]=count`],
        ['GET', `${base}/${id}`],
        ['POST', base, {}],
        ['PATCH', `${base}/${id}`, {}],
        ['DELETE', `${base}/${id}`],
      ] as Array<[string, string, unknown?]>) {
        expect((await call(keys.none as string, method, path, body)).status, `${method} ${path}`).toBe(403);
      }
      expect(await t.kernel.data(entity.name, { actor: SYSTEM_ACTOR }).count()).toBe(before);
    }
  });

  it('a read-only key reads but gets 403 on every write of every entity', async () => {
    for (const entity of t.kernel.entities.values()) {
      if (!entity.exposed) continue;
      const base = `/api/${entity.path}`;
      expect((await call(keys.viewer as string, 'GET', base)).status, `GET ${base}`).toBe(200);
      const id = sample.get(entity.name);
      if (!id) continue;
      const before = await t.kernel.data(entity.name, { actor: SYSTEM_ACTOR }).get(id);
      expect((await call(keys.viewer as string, 'PATCH', `${base}/${id}`, {})).status).toBe(403);
      expect((await call(keys.viewer as string, 'DELETE', `${base}/${id}`)).status).toBe(403);
      expect(await t.kernel.data(entity.name, { actor: SYSTEM_ACTOR }).get(id)).toEqual(before);
    }
  });

  it('a sales rep never sees another owner’s deal: get, list, filter, aggregate', async () => {
    const deals = t.kernel.data<{ ownerId?: string }>('deal', { actor: SYSTEM_ACTOR });
    const { items } = await deals.find({ limit: 2 });
    const [other, mine] = items;
    await deals.update(mine?.id as string, { ownerId: 'rep-1' });
    expect(other?.ownerId).not.toBe('rep-1');
    expect((await call(keys.rep as string, 'GET', `/api/deals/${other?.id}`)).status).toBe(404);
    const list = (await (await call(keys.rep as string, 'GET', '/api/deals?limit=100')).json()) as Page;
    expect(list.items.map((d) => d.ownerId)).toEqual(['rep-1']);
    const filtered = (await (
      await call(keys.rep as string, 'GET', `/api/deals?where[id]=${other?.id}`)
    ).json()) as Page;
    expect(filtered.items).toEqual([]);
    const agg = (await (
      await call(keys.rep as string, 'GET', '/api/deals/aggregate?measures[n]=count')
    ).json()) as { rows: unknown[] };
    expect(agg.rows).toEqual([{ n: 1 }]);
    expect((await call(keys.rep as string, 'PATCH', `/api/deals/${other?.id}`, {})).status).toBe(404);
  });
});
