import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer, type ServerFixture } from './test-support/fixture.js';

/**
 * For every verb on the ticket entity: a key without the permission and a key whose record rule
 * excludes the record never read or change it — through get, list, aggregate and filters.
 */
describe('authorization matrix', () => {
  let f: ServerFixture;
  let north: string;
  let south: string;
  beforeAll(async () => {
    f = await bootServer();
    const make = async (team: string) =>
      (
        await (
          await f.app.request('/api/service-tickets', {
            method: 'POST',
            headers: f.auth(f.keys.admin, { 'content-type': 'application/json' }),
            body: JSON.stringify({ title: `${team} ticket`, team, priority: 3 }),
          })
        ).json()
      ).id as string;
    north = await make('north');
    south = await make('south');
  });
  afterAll(() => f.t.stop());

  const call = (key: string, method: string, path: string, body?: unknown) =>
    f.app.request(path, {
      method,
      headers: f.auth(key, body ? { 'content-type': 'application/json' } : {}),
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  it.each([
    ['list', 'GET', '/api/service-tickets', undefined],
    ['aggregate', 'GET', '/api/service-tickets/aggregate?measures[n]=count', undefined],
    ['get', 'GET', 'ID', undefined],
    ['create', 'POST', '/api/service-tickets', { title: 'x', team: 'north' }],
    ['update', 'PATCH', 'ID', { title: 'hacked' }],
    ['delete', 'DELETE', 'ID', undefined],
  ])('a key without any ticket permission gets 403 on %s', async (_verb, method, path, body) => {
    const res = await call(
      f.keys.none,
      method as string,
      path === 'ID' ? `/api/service-tickets/${north}` : (path as string),
      body,
    );
    expect(res.status).toBe(403);
  });

  it.each([
    ['create', 'POST', '/api/service-tickets', { title: 'x', team: 'north' }],
    ['update', 'PATCH', 'ID', { title: 'hacked' }],
    ['delete', 'DELETE', 'ID', undefined],
  ])('a read-only key gets 403 on %s', async (_verb, method, path, body) => {
    const res = await call(
      f.keys.reader,
      method as string,
      path === 'ID' ? `/api/service-tickets/${north}` : (path as string),
      body,
    );
    expect(res.status).toBe(403);
  });

  it('a key whose rule excludes the record never sees it: get, list, filter, aggregate', async () => {
    expect((await call(f.keys.agentNorth, 'GET', `/api/service-tickets/${south}`)).status).toBe(404);
    const list = await (await call(f.keys.agentNorth, 'GET', '/api/service-tickets')).json();
    expect(list.items.map((t: { id: string }) => t.id)).toEqual([north]);
    const filtered = await (
      await call(f.keys.agentNorth, 'GET', '/api/service-tickets?where[team]=south')
    ).json();
    expect(filtered.items).toEqual([]);
    const byId = await (
      await call(f.keys.agentNorth, 'GET', `/api/service-tickets?where[id]=${south}`)
    ).json();
    expect(byId.items).toEqual([]);
    const agg = await (
      await call(f.keys.agentNorth, 'GET', '/api/service-tickets/aggregate?groupBy=team&measures[n]=count')
    ).json();
    expect(agg.rows).toEqual([{ team: 'north', n: 1 }]);
    const summary = await (await call(f.keys.agentNorth, 'GET', '/api/helpdesk/summary')).json();
    expect(summary.rows).toEqual([{ team: 'north', n: 1 }]);
  });

  it('a key whose rule excludes the record never changes it', async () => {
    expect(
      (await call(f.keys.agentNorth, 'PATCH', `/api/service-tickets/${south}`, { title: 'hacked' })).status,
    ).toBe(404);
    expect((await call(f.keys.agentNorth, 'DELETE', `/api/service-tickets/${south}`)).status).toBe(403); // agents may not delete at all
    expect(
      (await call(f.keys.agentNorth, 'POST', '/api/service-tickets', { title: 'x', team: 'south' })).status,
    ).toBe(403);
    expect(
      (await call(f.keys.agentNorth, 'PATCH', `/api/service-tickets/${north}`, { team: 'south' })).status,
    ).toBe(403);
    const stored = await f.t.data('serviceTicket').get(south);
    expect(stored).toMatchObject({ title: 'south ticket', version: 1 });
    expect((await f.t.data('serviceTicket').get(north)).team).toBe('north');
  });

  it('audit and API keys stay closed to non-admin keys', async () => {
    for (const key of [f.keys.viewer, f.keys.agentNorth, f.keys.reader]) {
      expect((await call(key, 'GET', '/api/audit')).status).toBe(403);
    }
  });
});
