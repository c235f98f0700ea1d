import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../auth/api-keys.js';
import { bootUserServer, cookieOf, PASSWORD, type UserServer } from '../test-support/user-fixture.js';

describe('sign-in and sessions', () => {
  const servers: UserServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.t.stop();
  });
  const boot = async (...args: Parameters<typeof bootUserServer>) => {
    const server = await bootUserServer(...args);
    servers.push(server);
    return server;
  };

  it('signs in with the e-mail address in any case: the user, a CSRF token and an HttpOnly SameSite=Strict cookie', async () => {
    const s = await boot();
    const user = await s.addUser('ada@example.com', ['agent'], { team: 'north', timeZone: 'Europe/Berlin' });
    const res = await s.signIn('ADA@Example.com');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      user: {
        id: user.id,
        name: 'ada',
        email: 'ada@example.com',
        roles: ['agent'],
        team: 'north',
        language: 'en',
        timeZone: 'Europe/Berlin',
      },
      csrfToken: expect.stringMatching(/^[\w-]{43}$/),
    });
    const cookie = res.headers.get('set-cookie') as string;
    expect(cookie).toMatch(/^rapport_session=[\w-]{16}\.[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(JSON.stringify(body)).not.toMatch(/argon2|password/i);
  });

  it('over https (directly or behind a trusted proxy) the cookie is Secure and __Host- prefixed', async () => {
    const s = await boot({ trustedProxy: { header: 'x-forwarded-for' } });
    await s.addUser('ada@example.com', ['agent']);
    const direct = await s.signIn('ada@example.com', PASSWORD, { base: 'https://crm.example.com' });
    expect(direct.headers.get('set-cookie')).toMatch(
      /^__Host-rapport_session=[\w.-]+; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
    );
    const proxied = await s.signIn('ada@example.com', PASSWORD, {
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' },
    });
    expect(proxied.headers.get('set-cookie')).toMatch(/^__Host-rapport_session=.+; Secure; SameSite=Strict$/);
    const secure = { cookie: cookieOf(direct), csrf: (await direct.json()).csrfToken, response: direct };
    expect((await s.call(secure, 'GET', '/api/me', { base: 'https://crm.example.com' })).status).toBe(200);
    // Over https a cookie without the prefix (planted over http, or by a sibling domain) is not read.
    const plain = { ...secure, cookie: secure.cookie.replace('__Host-', '') };
    expect((await s.call(plain, 'GET', '/api/me', { base: 'https://crm.example.com' })).status).toBe(401);
  });

  it('ignores X-Forwarded-Proto unless a proxy is trusted', async () => {
    const s = await boot();
    await s.addUser('ada@example.com', ['agent']);
    const res = await s.signIn('ada@example.com', PASSWORD, { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers.get('set-cookie')).toMatch(/^rapport_session=/);
  });

  it('answers an unknown address, a wrong password and an inactive account alike', async () => {
    const s = await boot();
    await s.addUser('ada@example.com', ['agent']);
    await s.addUser('gone@example.com', ['agent'], { active: false });
    const answers = [];
    for (const [email, password] of [
      ['ada@example.com', 'not the right password'],
      ['nobody@example.com', PASSWORD],
      ['gone@example.com', PASSWORD],
    ] as const) {
      const res = await s.signIn(email, password);
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
      const { requestId: _id, ...problem } = await res.json();
      answers.push(problem);
    }
    expect(answers[0]).toMatchObject({ code: 'INVALID_CREDENTIALS', status: 401 });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it('refuses malformed sign-in bodies with field errors', async () => {
    const s = await boot();
    const res = await s.app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 42, extra: true }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors.map((e: { path: string }) => e.path)).toEqual([
      'email',
      'password',
      'extra',
    ]);
    const form = await s.app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a&password=b',
    });
    expect(form.status).toBe(415);
  });

  it('throttles failed attempts per address with 429 and Retry-After, even for the right password', async () => {
    const s = await boot();
    await s.addUser('ada@example.com', ['agent']);
    for (let i = 0; i < 5; i += 1)
      expect((await s.signIn('ada@example.com', 'wrong password!')).status).toBe(401);
    const throttled = await s.signIn('ada@example.com');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('90');
    expect(await throttled.json()).toMatchObject({ code: 'RATE_LIMITED' });
    // An address nobody has is counted the same way: the limit tells no account apart.
    for (let i = 0; i < 5; i += 1)
      expect((await s.signIn('ghost@example.com', 'wrong password!')).status).toBe(401);
    expect((await s.signIn('ghost@example.com', 'wrong password!')).status).toBe(429);
    s.t.clock.advance(90_000);
    expect((await s.signIn('ada@example.com')).status).toBe(200);
    // Success forgave the address's failures.
    for (let i = 0; i < 5; i += 1)
      expect((await s.signIn('ada@example.com', 'wrong password!')).status).toBe(401);
  });

  it('throttles failed attempts per client address, whatever address they try', async () => {
    const s = await boot({
      trustedProxy: { header: 'x-forwarded-for' },
      signInThrottle: { perClient: { limit: 3, windowMs: 60_000, burst: 3 } },
    });
    const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
    for (let i = 0; i < 3; i += 1) {
      expect((await s.signIn(`user${i}@example.com`, 'wrong password!', from('198.51.100.1'))).status).toBe(
        401,
      );
    }
    const res = await s.signIn('user9@example.com', 'wrong password!', from('198.51.100.1'));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBe(20);
    expect((await s.signIn('user9@example.com', 'wrong password!', from('198.51.100.2'))).status).toBe(401);
  });

  it('requires X-CSRF-Token matching the session on every state-changing request by cookie', async () => {
    const s = await boot();
    await s.addUser('ada@example.com', ['agent'], { team: 'north' });
    const ada = await s.browser('ada@example.com');
    const ticket = { title: 'Printer', team: 'north' };
    const missing = await s.call(ada, 'POST', '/api/service-tickets', { body: ticket, csrf: false });
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ code: 'CSRF_FAILED', status: 403 });
    const wrong = await s.call(ada, 'POST', '/api/service-tickets', { body: ticket, csrf: 'x'.repeat(43) });
    expect(wrong.status).toBe(403);
    const created = await s.call(ada, 'POST', '/api/service-tickets', { body: ticket });
    expect(created.status).toBe(201);
    const { id, version } = await created.json();
    for (const [method, body] of [
      ['PATCH', { title: 'Printer on fire' }],
      ['DELETE', undefined],
    ] as const) {
      const init = { ...(body ? { body } : {}), headers: { 'if-match': `"v${version}"` } };
      expect((await s.call(ada, method, `/api/service-tickets/${id}`, { ...init, csrf: false })).status).toBe(
        403,
      );
    }
    expect((await s.call(ada, 'GET', `/api/service-tickets/${id}`, { csrf: false })).status).toBe(200);
    // An API key sends no cookie and needs no CSRF token.
    const key = (await createApiKey(s.t.kernel, { name: 'script', roles: ['admin'] })).key;
    const byKey = await s.app.request('/api/service-tickets', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(ticket),
    });
    expect(byKey.status).toBe(201);
  });

  it('answers GET /api/me with the user, what they may do and the CSRF token', async () => {
    const s = await boot();
    const user = await s.addUser('ada@example.com', ['agent'], { team: 'north' });
    const ada = await s.browser('ada@example.com');
    const res = await s.call(ada, 'GET', '/api/me');
    expect(res.status).toBe(200);
    const me = await res.json();
    expect(me.user).toMatchObject({ id: user.id, email: 'ada@example.com', team: 'north' });
    expect(me.csrfToken).toBe(ada.csrf);
    expect(me.permissions).toEqual(
      expect.arrayContaining(['serviceTicket:read', 'serviceTicket:create', 'user:read', 'note:read']),
    );
    expect(me.permissions).not.toContain('serviceTicket:delete');
    expect(me.permissions).not.toContain('user:create');
    expect(me.permissions.some((p: string) => p.includes('*'))).toBe(false);
    const anonymous = await s.app.request('/api/me');
    expect(anonymous.status).toBe(401);
  });

  it('ends a session after the idle timeout, and at the absolute timeout even when used', async () => {
    const s = await boot({ sessions: { idleTimeout: '30m', absoluteTimeout: '8h' } });
    await s.addUser('ada@example.com', ['agent']);
    const ada = await s.browser('ada@example.com');
    s.t.clock.advance(29 * 60_000);
    expect((await s.call(ada, 'GET', '/api/me')).status).toBe(200);
    s.t.clock.advance(29 * 60_000);
    expect((await s.call(ada, 'GET', '/api/me')).status).toBe(200);
    s.t.clock.advance(30 * 60_000);
    const idle = await s.call(ada, 'GET', '/api/me');
    expect(idle.status).toBe(401);
    expect(idle.headers.get('set-cookie')).toMatch(/^rapport_session=; Max-Age=0;/);

    const busy = await s.browser('ada@example.com');
    for (let minutes = 20; minutes < 8 * 60; minutes += 20) {
      s.t.clock.advance(20 * 60_000);
      expect((await s.call(busy, 'GET', '/api/me')).status).toBe(200);
    }
    s.t.clock.advance(20 * 60_000);
    expect((await s.call(busy, 'GET', '/api/me')).status).toBe(401);
  });

  it('signs out: 204, the cookie cleared and the session gone for every process', async () => {
    const s = await boot();
    await s.addUser('ada@example.com', ['agent']);
    const ada = await s.browser('ada@example.com');
    expect((await s.call(ada, 'POST', '/api/auth/sign-out', { csrf: false })).status).toBe(403);
    const out = await s.call(ada, 'POST', '/api/auth/sign-out');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(
      /^rapport_session=; Max-Age=0; Path=\/; .*HttpOnly; SameSite=Strict$/,
    );
    expect((await s.call(ada, 'GET', '/api/me')).status).toBe(401);
    // A second server on the same kernel (another process on the same store) refuses it too.
    const other = (await import('../create-server.js')).createServer(s.t.kernel, { logRequests: false });
    expect((await other.request('/api/me', { headers: { cookie: ada.cookie } })).status).toBe(401);
  });

  it('gives a new session at every sign-in and ends the one the browser had', async () => {
    const s = await boot();
    await s.addUser('ada@example.com', ['agent']);
    const first = await s.browser('ada@example.com');
    const again = await s.signIn('ada@example.com', PASSWORD, { headers: { cookie: first.cookie } });
    expect(cookieOf(again)).not.toBe(first.cookie);
    expect((await s.call(first, 'GET', '/api/me')).status).toBe(401);
  });

  it('lets a key act as its user: the same owner rules for the session and the script', async () => {
    const s = await boot();
    const rep = await s.addUser('rep@example.com', ['rep']);
    await s.addUser('other@example.com', ['rep']);
    const session = await s.browser('rep@example.com');
    const other = await s.browser('other@example.com');
    const mine = await (await s.call(session, 'POST', '/api/notes', { body: { text: 'mine' } })).json();
    expect(mine.ownerId).toBe(rep.id);
    await s.call(other, 'POST', '/api/notes', { body: { text: 'not mine' } });
    const { key } = await createApiKey(s.t.kernel, {
      name: 'rep script',
      roles: [],
      userId: 'REP@example.com',
    });
    const byKey = (path: string, init: RequestInit = {}) =>
      s.app.request(path, {
        ...init,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      });
    const viaSession = (await (await s.call(session, 'GET', '/api/notes')).json()).items;
    const viaKey = (await (await byKey('/api/notes')).json()).items;
    expect(viaKey).toEqual(viaSession);
    expect(viaKey.map((n: { text: string }) => n.text)).toEqual(['mine']);
    const written = await (
      await byKey('/api/notes', { method: 'POST', body: JSON.stringify({ text: 'by script' }) })
    ).json();
    expect(written.ownerId).toBe(rep.id);
    const me = await (await byKey('/api/me')).json();
    expect(me).toMatchObject({ user: { id: rep.id }, csrfToken: null });
    await expect(
      createApiKey(s.t.kernel, { name: 'too much', roles: ['admin'], userId: rep.id }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ rule: 'userRoles' })],
    });
  });

  it('stops a user key once its user is deactivated', async () => {
    const s = await boot({ keyCacheMs: 0 });
    const rep = await s.addUser('rep@example.com', ['rep']);
    const { key } = await createApiKey(s.t.kernel, { name: 'rep script', roles: ['rep'], userId: rep.id });
    const me = () => s.app.request('/api/me', { headers: { authorization: `Bearer ${key}` } });
    expect((await me()).status).toBe(200);
    await s.accounts.update(rep.id, { active: false }, { actor: { id: 'root', kind: 'system', roles: [] } });
    expect((await me()).status).toBe(401);
  });

  it('lets a user change their own password: the other sessions end, this one gets a new cookie', async () => {
    const s = await boot();
    await s.addUser('ada@example.com', ['agent']);
    const ada = await s.browser('ada@example.com');
    const elsewhere = await s.browser('ada@example.com');
    const wrong = await s.call(ada, 'POST', '/api/me/password', {
      body: { currentPassword: 'not it at all', newPassword: 'a brand new passphrase' },
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ errors: [{ path: 'currentPassword', rule: 'mismatch' }] });
    const res = await s.call(ada, 'POST', '/api/me/password', {
      body: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' },
    });
    expect(res.status).toBe(200);
    const renewed = { cookie: cookieOf(res), csrf: (await res.json()).csrfToken, response: res };
    expect((await s.call(renewed, 'GET', '/api/me')).status).toBe(200);
    expect((await s.call(ada, 'GET', '/api/me')).status).toBe(401);
    expect((await s.call(elsewhere, 'GET', '/api/me')).status).toBe(401);
    expect((await s.signIn('ada@example.com', 'a brand new passphrase')).status).toBe(200);
  });

  it('logs no password, token, cookie or CSRF token', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pino({ level: 'trace' }, sink);
    const s = await boot({ logRequests: true }, { logger });
    await s.addUser('ada@example.com', ['agent']);
    await s.signIn('ada@example.com', 'a wrong password here');
    const ada = await s.browser('ada@example.com');
    await s.call(ada, 'GET', '/api/me');
    await s.call(ada, 'POST', '/api/service-tickets', { body: { title: 'x', team: 'north' }, csrf: false });
    await s.call(ada, 'POST', '/api/auth/sign-out');
    const log = lines.join('');
    expect(log).toContain('signed in');
    expect(log).toContain('sign-in refused');
    const token = ada.cookie.split('=')[1] as string;
    for (const secret of [
      PASSWORD,
      'a wrong password here',
      token,
      token.split('.')[1] as string,
      ada.csrf,
      'ada@example.com',
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
