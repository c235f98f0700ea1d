import { afterEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../auth/api-keys.js';
import { bootUserServer, PASSWORD, type UserServer } from '../test-support/user-fixture.js';

describe('/api/users', () => {
  const servers: UserServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.t.stop();
  });
  const boot = async () => {
    const s = await bootUserServer();
    servers.push(s);
    await s.addUser('root@example.com', ['admin']);
    return { ...s, admin: await s.browser('root@example.com') };
  };

  it('creates a user with a generated password shown once, and lists users without hashes', async () => {
    const s = await boot();
    const res = await s.call(s.admin, 'POST', '/api/users', {
      body: {
        name: 'Mei Chen',
        email: 'Mei@Example.com',
        roles: ['agent'],
        team: 'north',
        language: 'zh-Hans',
      },
    });
    expect(res.status).toBe(201);
    const { user, password } = await res.json();
    expect(res.headers.get('location')).toBe(`/api/users/${user.id}`);
    expect(res.headers.get('etag')).toBe('"v1"');
    expect(password).toMatch(/^[\w]{5}(-\w{5}){3}$/);
    expect(user).toEqual({
      id: expect.any(String),
      name: 'Mei Chen',
      email: 'Mei@Example.com',
      roles: ['agent'],
      team: 'north',
      language: 'zh-Hans',
      timeZone: 'UTC',
      active: true,
      passwordSet: true,
      passwordChangedAt: '2026-03-01T09:00:00.000Z',
      lastSignInAt: null,
      createdAt: '2026-03-01T09:00:00.000Z',
      updatedAt: '2026-03-01T09:00:00.000Z',
      version: 1,
    });
    expect((await s.signIn('mei@example.com', password)).status).toBe(200);
    const list = await s.call(s.admin, 'GET', '/api/users?sort=name&where[team]=north');
    expect(list.status).toBe(200);
    const page = await list.json();
    expect(page.items.map((u: { email: string }) => u.email)).toEqual(['Mei@Example.com']);
    const everyone = await (await s.call(s.admin, 'GET', '/api/users')).text();
    expect(everyone).not.toMatch(/argon2|passwordHash|emailKey/);
    expect((await s.call(s.admin, 'GET', '/api/users/MEI@example.com')).status).toBe(200);
  });

  it('keeps no answer holding a password for Idempotency-Key replays', async () => {
    const s = await boot();
    const body = { name: 'Once', email: 'once@example.com', roles: ['agent'] };
    const headers = { 'idempotency-key': 'create-once' };
    const first = await s.call(s.admin, 'POST', '/api/users', { body, headers });
    expect(first.status).toBe(201);
    const { password } = await first.json();
    const retry = await s.call(s.admin, 'POST', '/api/users', { body, headers });
    expect(retry.status).toBe(409);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    const kept = await s.t.kernel.store.transaction((tx) =>
      tx.find('_idempotency', { sort: [], limit: 100 }),
    );
    expect(JSON.stringify(kept)).not.toContain(password);
  });

  it('never filters or sorts by the password hash', async () => {
    const s = await boot();
    for (const query of [
      'where[passwordHash][startsWith]=$argon2',
      'sort=passwordHash',
      'where[or][0][passwordHash][exists]=true',
      'fields=id',
    ]) {
      const res = await s.call(s.admin, 'GET', `/api/users?${query}`);
      expect(res.status, query).toBe(400);
    }
  });

  it('refuses a taken address (any case), unknown roles and fields, and hashes sent by callers', async () => {
    const s = await boot();
    const taken = await s.call(s.admin, 'POST', '/api/users', {
      body: { name: 'R', email: 'ROOT@example.com', roles: [] },
    });
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ details: { kind: 'unique', field: 'email' } });
    for (const body of [
      { name: 'A', email: 'a@example.com', roles: ['wizard'] },
      { name: 'A', email: 'a@example.com', roles: [], colour: 'red' },
      { name: 'A', email: 'a@example.com', roles: [], passwordHash: '$argon2id$v=19$m=64,t=1,p=1$AAAA$AAAA' },
      { name: 'A', email: 'a@example.com', roles: [], password: 'short' },
      { name: 'A', email: 'a@example.com', roles: [], timeZone: 'Nowhere/Land' },
    ]) {
      const res = await s.call(s.admin, 'POST', '/api/users', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).code).toBe('VALIDATION_FAILED');
    }
  });

  it('patches with If-Match, resets passwords (ending sessions) and deletes', async () => {
    const s = await boot();
    const created = await (
      await s.call(s.admin, 'POST', '/api/users', {
        body: { name: 'Ann', email: 'ann@example.com', roles: ['agent'], password: PASSWORD },
      })
    ).json();
    const id = created.user.id;
    const patched = await s.call(s.admin, 'PATCH', `/api/users/${id}`, {
      body: { team: 'south', timeZone: 'Asia/Shanghai' },
      headers: { 'if-match': '"v1"' },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ team: 'south', timeZone: 'Asia/Shanghai' });
    const stale = await s.call(s.admin, 'PATCH', `/api/users/${id}`, {
      body: { team: 'north' },
      headers: { 'if-match': '"v1"' },
    });
    expect(stale.status).toBe(412);
    const cleared = await s.call(s.admin, 'PATCH', `/api/users/${id}`, { body: { team: null } });
    expect((await cleared.json()).team).toBeNull();
    expect((await s.call(s.admin, 'PATCH', `/api/users/${id}`, { body: { password: 'x' } })).status).toBe(
      400,
    );
    const ann = await s.browser('ann@example.com');
    expect((await s.call(ann, 'GET', '/api/me')).status).toBe(200);
    const reset = await s.call(s.admin, 'POST', `/api/users/${id}/password`);
    expect(reset.status).toBe(200);
    const { password } = await reset.json();
    expect(typeof password).toBe('string');
    expect((await s.call(ann, 'GET', '/api/me')).status).toBe(401);
    expect((await s.signIn('ann@example.com', password)).status).toBe(200);
    const chosen = await s.call(s.admin, 'POST', `/api/users/${id}/password`, {
      body: { password: 'a chosen passphrase' },
    });
    expect(await chosen.json()).not.toHaveProperty('password');
    expect((await s.call(s.admin, 'DELETE', `/api/users/${id}`)).status).toBe(204);
    expect((await s.call(s.admin, 'GET', `/api/users/${id}`)).status).toBe(404);
  });

  it('keeps user administration to those granted it, and nobody gives more than they hold', async () => {
    const s = await boot();
    await s.addUser('agent@example.com', ['agent']);
    await s.addUser('notes@example.com', ['noteAdmin']);
    const agent = await s.browser('agent@example.com');
    expect((await s.call(agent, 'GET', '/api/users')).status).toBe(200);
    const denied = await s.call(agent, 'POST', '/api/users', {
      body: { name: 'X', email: 'x@example.com', roles: [] },
    });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ details: { permission: 'user:create' } });
    const viewerKey = (await createApiKey(s.t.kernel, { name: 'v', roles: ['viewer'] })).key;
    const byKey = await s.app.request('/api/users', { headers: { authorization: `Bearer ${viewerKey}` } });
    expect(byKey.status).toBe(200);
    const root = (await (await s.call(s.admin, 'GET', '/api/users/root@example.com')).json()) as {
      id: string;
    };
    const selfOff = await s.call(s.admin, 'PATCH', `/api/users/${root.id}`, { body: { active: false } });
    expect(selfOff.status).toBe(400);
    expect((await s.call(s.admin, 'DELETE', `/api/users/${root.id}`)).status).toBe(403);
  });

  it('refuses escalation through user administration', async () => {
    const s = await boot();
    // A role with user:* but not *:* cannot create admins, nor give anyone roles it lacks.
    await s.addUser('desk@example.com', ['noteAdmin']);
    const deskSession = await s.browser('desk@example.com');
    const res = await s.call(deskSession, 'POST', '/api/users', {
      body: { name: 'Boss', email: 'boss@example.com', roles: ['admin'] },
    });
    expect(res.status).toBe(403);
    expect((await res.json()).detail).toContain('*:*');
    const agent = await s.call(deskSession, 'POST', '/api/users', {
      body: { name: 'Agent', email: 'agent@example.com', roles: ['agent'] },
    });
    expect(agent.status).toBe(403);
    const rep = await s.call(deskSession, 'POST', '/api/users', {
      body: { name: 'Rep', email: 'rep@example.com', roles: ['rep'] },
    });
    expect(rep.status).toBe(201);
  });
});
