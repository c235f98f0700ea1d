import { SYSTEM_ACTOR, USERS } from '@rapport/core';
import { apiKeys, createServer } from '@rapport/server';
import { createTestKernel } from '@rapport/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from './demo-users.js';
import { quickstartPlugins } from './plugins.js';

const PASSWORD = 'demo team passphrase';

describe('the demo sales team', () => {
  let t: Awaited<ReturnType<typeof createTestKernel>>;
  let app: ReturnType<typeof createServer>;
  beforeAll(async () => {
    t = await createTestKernel({
      plugins: [apiKeys(), ...quickstartPlugins({ customers: 60, deals: 80, password: PASSWORD })],
      now: '2026-06-01T00:00:00Z',
    });
    app = createServer(t.kernel, { logRequests: false });
  });
  afterAll(() => t.stop());

  const signIn = async (email: string) => {
    const res = await app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    return (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  };
  const deals = async (cookie: string) => {
    const res = await app.request('/api/deals?limit=500', { headers: { cookie } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Array<{ ownerId?: string }> }).items;
  };

  it('is seeded as users who own the demo customers and deals', async () => {
    const { items: people } = await t.kernel.resolve(USERS).find({ sort: ['name'] }, { actor: SYSTEM_ACTOR });
    expect(people.map((p) => [p.name, p.roles])).toEqual([
      ['Jonas Keller', ['agent']],
      ['Lukas Weber', ['salesRep']],
      ['Mei Chen', ['salesManager']],
      ['Sofia Rossi', ['salesRep']],
    ]);
    const ids = new Set(people.filter((p) => p.roles.some((r) => r.startsWith('sales'))).map((p) => p.id));
    const system = (entity: string) => t.kernel.data<{ ownerId?: string }>(entity, { actor: SYSTEM_ACTOR });
    for (const entity of ['customer', 'deal', 'lead', 'order']) {
      const { items } = await system(entity).find({ limit: 500 });
      const owned = items.filter((record) => record.ownerId !== undefined);
      expect(owned.length, entity).toBeGreaterThan(0);
      expect(
        owned.every((record) => ids.has(record.ownerId as string)),
        entity,
      ).toBe(true);
    }
  });

  it('signs in with the demo password; a rep sees only their own deals, the manager all of them', async () => {
    const lukas = (await t.kernel.resolve(USERS).resolve('lukas.weber@example.com', { actor: SYSTEM_ACTOR }))
      .id;
    const rep = await deals(await signIn('lukas.weber@example.com'));
    expect(rep.length).toBeGreaterThan(0);
    expect(rep.every((deal) => deal.ownerId === lukas)).toBe(true);
    const manager = await deals(await signIn('mei.chen@example.com'));
    expect(manager.length).toBe(80);
    const me = await app.request('/api/me', { headers: { cookie: await signIn('sofia.rossi@example.com') } });
    const body = (await me.json()) as { permissions: string[] };
    expect(body.permissions).toEqual(expect.arrayContaining(['deal:read', 'deal:create', 'user:read']));
    expect(body.permissions).not.toContain('deal:delete');
  });

  it("puts the demo agent on the support team, and shows them that team's tickets", async () => {
    const jonas = await t.kernel.resolve(USERS).resolve('jonas.keller@example.com', { actor: SYSTEM_ACTOR });
    const team = await t.kernel
      .data<{ key: string; members?: string[] }>('team', { actor: SYSTEM_ACTOR })
      .find({ where: { key: 'support' } });
    expect(team.items[0]?.members).toEqual([jonas.id]);
    const cookie = await signIn('jonas.keller@example.com');
    const res = await app.request('/api/tickets?limit=200', { headers: { cookie } });
    expect(res.status).toBe(200);
    const seen = ((await res.json()) as { items: Array<{ team?: string }> }).items;
    const all = await t.kernel.data('ticket', { actor: SYSTEM_ACTOR }).count({ team: 'support' });
    expect(all).toBeGreaterThan(0);
    expect(seen).toHaveLength(all);
    // a ticket of another team stays out of the agent's sight
    const customer = (await t.kernel.data('customer', { actor: SYSTEM_ACTOR }).find({ limit: 1 })).items[0];
    const other = await t.kernel
      .data('ticket', { actor: SYSTEM_ACTOR })
      .create({ customerId: customer?.id, type: 'inquiry', subject: 'Field team only', team: 'field' });
    expect((await app.request(`/api/tickets/${other.id}`, { headers: { cookie } })).status).toBe(404);
    const queue = await app.request('/api/tickets/queue', { headers: { cookie } });
    expect(((await queue.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
  });

  it('has no passwords without RAPPORT_DEMO_PASSWORD, and seeds the team once', async () => {
    const bare = await createTestKernel({ plugins: quickstartPlugins({ customers: 0, deals: 0 }) });
    const { items } = await bare.kernel.resolve(USERS).find({}, { actor: SYSTEM_ACTOR });
    expect(items).toHaveLength(DEMO_PEOPLE.length);
    expect(items.every((user) => user.passwordHash === undefined)).toBe(true);
    await bare.stop();
  });
});
