import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootServer, type ServerFixture } from './test-support/fixture.js';

describe('REST contract', () => {
  let f: ServerFixture;
  beforeEach(async () => {
    f = await bootServer();
  });
  afterEach(async () => {
    await f.t.stop();
  });
  const json = (key: string, body: unknown, method = 'POST', headers: Record<string, string> = {}) => ({
    method,
    headers: f.auth(key, { 'content-type': 'application/json', ...headers }),
    body: JSON.stringify(body),
  });

  it('201 on create with Location and ETag; 200 on get; 304 with If-None-Match', async () => {
    const created = await f.app.request(
      '/api/service-tickets',
      json(f.keys.admin, { title: 'Printer on fire', team: 'north', priority: 1 }),
    );
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(created.headers.get('location')).toBe(`/api/service-tickets/${body.id}`);
    expect(created.headers.get('etag')).toBe('"v1"');
    const got = await f.app.request(`/api/service-tickets/${body.id}`, { headers: f.auth(f.keys.admin) });
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual(body);
    const cached = await f.app.request(`/api/service-tickets/${body.id}`, {
      headers: f.auth(f.keys.admin, { 'if-none-match': '"v1"' }),
    });
    expect(cached.status).toBe(304);
  });

  it('lists with bracket filters, sort, limit, cursor and fields', async () => {
    for (let i = 1; i <= 5; i += 1) {
      await f.app.request(
        '/api/service-tickets',
        json(f.keys.admin, { title: `T${i}`, team: i % 2 ? 'north' : 'south', priority: i }),
      );
    }
    const url =
      '/api/service-tickets?where[team]=north&where[priority][gte]=2&sort=-priority&limit=1&fields=title,priority';
    const first = await (await f.app.request(url, { headers: f.auth(f.keys.admin) })).json();
    expect(first.items).toEqual([{ id: expect.any(String), title: 'T5', priority: 5 }]);
    const second = await (
      await f.app.request(`${url}&cursor=${encodeURIComponent(first.nextCursor)}`, {
        headers: f.auth(f.keys.admin),
      })
    ).json();
    expect(second.items.map((i: { title: string }) => i.title)).toEqual(['T3']);
    expect(second.nextCursor).toBeUndefined();
    const json5 = encodeURIComponent(JSON.stringify({ or: [{ priority: 1 }, { priority: 4 }] }));
    const viaJson = await (
      await f.app.request(`/api/service-tickets?where=${json5}&sort=priority`, {
        headers: f.auth(f.keys.admin),
      })
    ).json();
    expect(viaJson.items.map((i: { title: string }) => i.title)).toEqual(['T1', 'T4']);
    const inList = await (
      await f.app.request('/api/service-tickets?where[priority][in]=2,3&sort=priority', {
        headers: f.auth(f.keys.admin),
      })
    ).json();
    expect(inList.items.map((i: { title: string }) => i.title)).toEqual(['T2', 'T3']);
  });

  it('aggregates over the query string', async () => {
    for (const [team, priority] of [
      ['north', 1],
      ['north', 3],
      ['south', 5],
    ] as const) {
      await f.app.request('/api/service-tickets', json(f.keys.admin, { title: 't', team, priority }));
    }
    const res = await f.app.request(
      '/api/service-tickets/aggregate?groupBy=team&measures[n]=count&measures[avg]=avg:priority',
      {
        headers: f.auth(f.keys.admin),
      },
    );
    expect(await res.json()).toEqual({
      rows: [
        { team: 'north', n: 2, avg: 2 },
        { team: 'south', n: 1, avg: 5 },
      ],
    });
  });

  it('PATCH applies a merge patch; a stale If-Match gets 412 and changes nothing; DELETE answers 204', async () => {
    const created = await (
      await f.app.request(
        '/api/service-tickets',
        json(f.keys.admin, { title: 'A', team: 'north', tags: ['x'] }),
      )
    ).json();
    const patched = await f.app.request(
      `/api/service-tickets/${created.id}`,
      json(f.keys.admin, { title: 'B', tags: null }, 'PATCH', {
        'if-match': '"v1"',
        'content-type': 'application/merge-patch+json',
      }),
    );
    expect(patched.status).toBe(200);
    expect(patched.headers.get('etag')).toBe('"v2"');
    const after = await patched.json();
    expect(after).toMatchObject({ title: 'B', version: 2 });
    expect(after).not.toHaveProperty('tags');
    const stale = await f.app.request(
      `/api/service-tickets/${created.id}`,
      json(f.keys.admin, { title: 'C' }, 'PATCH', { 'if-match': '"v1"' }),
    );
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toBe('application/problem+json');
    expect(await stale.json()).toMatchObject({
      status: 412,
      code: 'PRECONDITION_FAILED',
      details: { kind: 'version', entity: 'serviceTicket', id: created.id, expected: 1, actual: 2 },
    });
    const staleDelete = await f.app.request(`/api/service-tickets/${created.id}`, {
      method: 'DELETE',
      headers: f.auth(f.keys.admin, { 'if-match': '"v1"' }),
    });
    expect(staleDelete.status).toBe(412);
    const deleted = await f.app.request(`/api/service-tickets/${created.id}`, {
      method: 'DELETE',
      headers: f.auth(f.keys.admin, { 'if-match': '"v2"' }),
    });
    expect(deleted.status).toBe(204);
    expect(
      (await f.app.request(`/api/service-tickets/${created.id}`, { headers: f.auth(f.keys.admin) })).status,
    ).toBe(404);
  });

  it('400 with readable field errors for validation, mass assignment and bad queries; nothing stored', async () => {
    const invalid = await f.app.request(
      '/api/service-tickets',
      json(f.keys.admin, { title: '', team: 'west' }),
    );
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'title', rule: 'minLength' }],
    });
    const mass = await f.app.request(
      '/api/service-tickets',
      json(f.keys.admin, { title: 'x', team: 'north', id: 'mine', version: 7, isAdmin: true }),
    );
    expect(mass.status).toBe(400);
    expect((await mass.json()).errors.map((e: { path: string }) => e.path)).toEqual([
      'id',
      'version',
      'isAdmin',
    ]);
    const badQuery = await f.app.request('/api/service-tickets?where[nope]=1', {
      headers: f.auth(f.keys.admin),
    });
    expect(badQuery.status).toBe(400);
    expect((await badQuery.json()).detail).toContain('nope');
    const unknownParam = await f.app.request('/api/service-tickets?colour=red', {
      headers: f.auth(f.keys.admin),
    });
    expect(unknownParam.status).toBe(400);
    const malformed = await f.app.request('/api/service-tickets', {
      method: 'POST',
      headers: f.auth(f.keys.admin, { 'content-type': 'application/json' }),
      body: '{"title":',
    });
    expect(malformed.status).toBe(400);
    const wrongType = await f.app.request('/api/service-tickets', {
      method: 'POST',
      headers: f.auth(f.keys.admin, { 'content-type': 'text/plain' }),
      body: 'hi',
    });
    expect(wrongType.status).toBe(415);
    expect(await f.t.data('serviceTicket').count()).toBe(0);
  });

  it('401 without a valid key, except health, readiness, OpenAPI and docs', async () => {
    const none = await f.app.request('/api/service-tickets');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect(
      (await f.app.request('/api/service-tickets', { headers: f.auth(`rk_AAAAAAAAAAAA_${'a'.repeat(43)}`) }))
        .status,
    ).toBe(401);
    expect((await f.app.request('/api/metrics', { headers: { authorization: 'Basic abc' } })).status).toBe(
      401,
    );
    for (const path of ['/healthz', '/readyz', '/openapi.json', '/docs']) {
      expect((await f.app.request(path)).status, path).toBe(200);
    }
  });

  it('puts the API security headers and a request id on every API answer; docs keep their own', async () => {
    const created = await f.app.request(
      '/api/service-tickets',
      json(f.keys.admin, { title: 'h', team: 'north' }),
    );
    const answers = [
      created,
      await f.app.request('/api/service-tickets', { headers: f.auth(f.keys.admin) }),
      await f.app.request('/api/service-tickets/none', { headers: f.auth(f.keys.admin) }),
      await f.app.request('/api/service-tickets'),
      await f.app.request('/api/helpdesk/summary', { headers: f.auth(f.keys.admin) }),
      await f.app.request('/healthz'),
    ];
    for (const res of answers) {
      expect(res.headers.get('x-content-type-options'), res.url).toBe('nosniff');
      expect(res.headers.get('cache-control'), res.url).toBe('no-store');
      expect(res.headers.get('content-security-policy'), res.url).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options'), res.url).toBe('DENY');
      expect(res.headers.get('strict-transport-security'), res.url).toContain('max-age=');
      expect(res.headers.get('x-request-id'), res.url).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(new Set(answers.map((res) => res.headers.get('x-request-id'))).size).toBe(answers.length);
    const problem = (await answers[2]?.json()) as { requestId: string };
    expect(problem.requestId).toBe(answers[2]?.headers.get('x-request-id'));
    const traced = await f.app.request('/api/service-tickets', {
      headers: f.auth(f.keys.admin, { 'x-request-id': 'trace-42' }),
    });
    expect(traced.headers.get('x-request-id')).toBe('trace-42');
    const odd = await f.app.request('/healthz', { headers: { 'x-request-id': 'not a token\u0007' } });
    expect(odd.headers.get('x-request-id')).not.toContain('not a token');
    const docs = await f.app.request('/docs');
    expect(docs.headers.get('content-type')).toContain('text/html');
    expect(docs.headers.get('content-security-policy')).toBeNull();
    expect(docs.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('503 with a TIMEOUT problem when a request runs over the time limit', async () => {
    const quick = await bootServer({ requestTimeoutMs: 100 });
    const slow = await quick.app.request('/api/helpdesk/slow?ms=2000', {
      headers: quick.auth(quick.keys.admin),
    });
    expect(slow.status).toBe(503);
    expect(slow.headers.get('content-type')).toBe('application/problem+json');
    expect(await slow.json()).toMatchObject({ code: 'TIMEOUT', status: 503 });
    const fast = await quick.app.request('/api/helpdesk/slow?ms=1', {
      headers: quick.auth(quick.keys.admin),
    });
    expect(fast.status).toBe(200);
    await quick.t.stop();
  });

  it('403 without the permission; 404 for unknown records and routes', async () => {
    const res = await f.app.request(
      '/api/service-tickets',
      json(f.keys.viewer, { title: 'x', team: 'north' }),
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      code: 'FORBIDDEN',
      details: { permission: 'serviceTicket:create' },
      detail: expect.stringContaining('serviceTicket:create'),
    });
    expect((await f.app.request('/api/service-tickets/nope', { headers: f.auth(f.keys.admin) })).status).toBe(
      404,
    );
    expect((await f.app.request('/api/nothing-here', { headers: f.auth(f.keys.admin) })).status).toBe(404);
  });

  it('413 for a body over the limit', async () => {
    const small = await bootServer({ bodyLimitBytes: 1_000 });
    const res = await small.app.request('/api/service-tickets', {
      method: 'POST',
      headers: small.auth(small.keys.admin, { 'content-type': 'application/json' }),
      body: JSON.stringify({ title: 'x'.repeat(5_000), team: 'north' }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const announced = await small.app.request('/api/service-tickets', {
      method: 'POST',
      headers: small.auth(small.keys.admin, { 'content-type': 'application/json', 'content-length': '5013' }),
      body: JSON.stringify({ title: 'x'.repeat(5_000), team: 'north' }),
    });
    expect(announced.status).toBe(413);
    expect(await announced.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(await small.t.data('serviceTicket').count()).toBe(0);
    await small.t.stop();
  });

  it('428 when If-Match is required and missing', async () => {
    const strict = await bootServer({ requireIfMatch: true });
    const created = await (
      await strict.app.request('/api/service-tickets', {
        method: 'POST',
        headers: strict.auth(strict.keys.admin, { 'content-type': 'application/json' }),
        body: JSON.stringify({ title: 'a', team: 'north' }),
      })
    ).json();
    const res = await strict.app.request(`/api/service-tickets/${created.id}`, {
      method: 'DELETE',
      headers: strict.auth(strict.keys.admin),
    });
    expect(res.status).toBe(428);
    await strict.t.stop();
  });

  it('serves metrics, audit (admin only) and plugin routes', async () => {
    await f.app.request('/api/service-tickets', json(f.keys.admin, { title: 'A', team: 'north' }));
    const list = await (await f.app.request('/api/metrics', { headers: f.auth(f.keys.viewer) })).json();
    expect(list.items.map((m: { id: string }) => m.id)).toEqual(['helpdesk.open']);
    const value = await (
      await f.app.request('/api/metrics/helpdesk.open?from=2025-01-01&to=2027-01-01', {
        headers: f.auth(f.keys.viewer),
      })
    ).json();
    expect(value).toMatchObject({ id: 'helpdesk.open', value: 1 });
    expect(
      (await f.app.request('/api/metrics/helpdesk.open?from=soon', { headers: f.auth(f.keys.viewer) }))
        .status,
    ).toBe(400);
    expect((await f.app.request('/api/metrics/nope', { headers: f.auth(f.keys.viewer) })).status).toBe(404);
    expect((await f.app.request('/api/audit', { headers: f.auth(f.keys.viewer) })).status).toBe(403);
    const audit = await (
      await f.app.request('/api/audit?where[entity]=serviceTicket', { headers: f.auth(f.keys.admin) })
    ).json();
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ action: 'create', actorId: expect.stringMatching(/^key:/) });
    const summary = await (
      await f.app.request('/api/helpdesk/summary', { headers: f.auth(f.keys.admin) })
    ).json();
    expect(summary).toEqual({ rows: [{ team: 'north', n: 1 }] });
  });

  it('computes metrics as the caller, with typed parameters', async () => {
    const g = await bootServer();
    for (const [team, priority] of [
      ['north', 1],
      ['south', 2],
      ['south', 5],
    ] as const) {
      await g.app.request('/api/service-tickets', json(g.keys.admin, { title: 'T', team, priority }));
    }
    const read = async (key: string, query = '') => {
      const res = await g.app.request(`/api/metrics/helpdesk.open${query}`, { headers: g.auth(key) });
      return { status: res.status, body: await res.json() };
    };
    expect((await read(g.keys.admin)).body).toMatchObject({ value: 3, params: {} });
    // The north agent's record rule applies to the metric as it does to lists.
    expect((await read(g.keys.agentNorth)).body).toMatchObject({ value: 1 });
    expect((await read(g.keys.admin, '?team=south')).body).toMatchObject({
      value: 2,
      params: { team: 'south' },
    });
    expect((await read(g.keys.admin, '?team=south&min=3')).body).toMatchObject({
      value: 1,
      params: { team: 'south', min: 3 },
    });
    expect((await read(g.keys.agentNorth, '?team=south')).body).toMatchObject({ value: 0 });
    const unknown = await read(g.keys.admin, '?owner=me');
    expect(unknown).toMatchObject({
      status: 400,
      body: { code: 'INVALID_QUERY', details: { field: 'owner', rule: 'unknown' } },
    });
    expect(unknown.body.detail).toContain(
      "allowed for metric 'helpdesk.open': from, to, period, at, team, min",
    );
    expect(await read(g.keys.admin, '?min=high')).toMatchObject({
      status: 400,
      body: { errors: [{ path: 'min', rule: 'type' }] },
    });
    expect(await read(g.keys.admin, '?team=east')).toMatchObject({
      status: 400,
      body: { errors: [{ path: 'team', rule: 'enum' }] },
    });
    expect(await read(g.keys.admin, '?team[x]=north')).toMatchObject({
      status: 400,
      body: { code: 'INVALID_QUERY' },
    });
    expect((await read(g.keys.admin, '?period=year')).body).toMatchObject({ value: 3 });
    expect((await read(g.keys.admin, '?period=year&at=2020-06-01')).body).toMatchObject({
      from: '2020-01-01T00:00:00.000Z',
      to: '2021-01-01T00:00:00.000Z',
    });
    expect(await read(g.keys.admin, '?period=month&from=2026-01-01')).toMatchObject({
      status: 400,
      body: { code: 'INVALID_QUERY', details: { field: 'period' } },
    });
    expect((await read(g.keys.reader)).status).toBe(403);
    await g.t.stop();
  });

  it('answers the console model for the caller: readable entities, what it may do, views and metrics', async () => {
    const model = async (key: string) =>
      (await (await f.app.request('/api/console/model', { headers: f.auth(key) })).json()) as {
        entities: Array<{
          name: string;
          can: Record<string, boolean>;
          indexed: string[];
          schema: { properties: object };
        }>;
        views: unknown[];
        metrics: Array<{ id: string }>;
      };
    const viewer = await model(f.keys.viewer);
    expect(viewer.entities.map((e) => e.name)).toEqual(['serviceTicket']);
    expect(viewer.entities[0]).toMatchObject({
      can: { create: false, update: false, delete: false },
      indexed: ['team'],
    });
    expect(Object.keys(viewer.entities[0]?.schema.properties ?? {})).toContain('title');
    expect(viewer.metrics.map((m) => m.id)).toEqual(['helpdesk.open']);
    const admin = await model(f.keys.admin);
    expect(admin.entities[0]?.can).toEqual({ create: true, update: true, delete: true });
    // A key that may read nothing sees no entity and no metric, but still gets an answer.
    const none = await model(f.keys.none);
    expect(none).toEqual({ entities: [], views: [], menu: [], metrics: [] });
  });

  it('lets admins create, list and revoke keys over HTTP; others get 403', async () => {
    const created = await f.app.request(
      '/api/api-keys',
      json(f.keys.admin, { name: 'ci', roles: ['viewer'] }),
    );
    expect(created.status).toBe(201);
    const { key, record } = await created.json();
    expect(key).toMatch(/^rk_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(record).not.toHaveProperty('hash');
    const list = await (await f.app.request('/api/api-keys', { headers: f.auth(f.keys.admin) })).json();
    expect(list.items.map((k: { name: string }) => k.name)).toContain('ci');
    expect(list.items.every((k: object) => !('hash' in k))).toBe(true);
    expect((await f.app.request('/api/api-keys', { headers: f.auth(f.keys.viewer) })).status).toBe(403);
    expect(
      (await f.app.request('/api/api-keys', json(f.keys.agentNorth, { name: 'x', roles: ['admin'] }))).status,
    ).toBe(403);
    expect(
      (await f.app.request('/api/api-keys', json(f.keys.admin, { name: 'x', roles: ['wizard'] }))).status,
    ).toBe(400);
    const revoked = await f.app.request(`/api/api-keys/${record.id}`, {
      method: 'DELETE',
      headers: f.auth(f.keys.admin),
    });
    expect((await revoked.json()).revokedAt).toBeTypeOf('string');
    // The audit trail says a key's hash was set, never the hash itself.
    const audit = await (
      await f.app.request(`/api/audit?where[recordId]=${record.id}&sort=at`, {
        headers: f.auth(f.keys.admin),
      })
    ).json();
    expect(audit.items[0].changes.hash).toEqual({ from: null, to: '[redacted]' });
    expect(JSON.stringify(audit)).not.toMatch(/[0-9a-f]{64}/);
  });

  it('stops honouring a revoked key', async () => {
    const { revokeApiKey } = await import('./auth/api-keys.js');
    const fresh = await bootServer({ keyCacheMs: 0 });
    expect(
      (await fresh.app.request('/api/service-tickets', { headers: fresh.auth(fresh.keys.viewer) })).status,
    ).toBe(200);
    await revokeApiKey(fresh.t.kernel, fresh.keys.viewer.slice(3, 15));
    expect(
      (await fresh.app.request('/api/service-tickets', { headers: fresh.auth(fresh.keys.viewer) })).status,
    ).toBe(401);
    await fresh.t.stop();
  });
});
