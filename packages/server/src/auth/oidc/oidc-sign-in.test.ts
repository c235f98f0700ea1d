import { SERVER_SECRET, SYSTEM_ACTOR, ValidationError } from '@rapport/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../create-server.js';
import { type LocalProvider, startLocalProvider } from '../../test-support/oidc-provider.js';
import { bootUserServer, type UserServer } from '../../test-support/user-fixture.js';
import { openFlow, sealFlow } from './flow-cookie.js';
import type { OidcOptions } from './oidc-options.js';

const REDIRECT_URI = 'http://localhost/api/auth/oidc/callback';

describe('sign-in with an OpenID Connect provider', () => {
  let provider: LocalProvider;
  const servers: UserServer[] = [];
  beforeAll(async () => {
    provider = await startLocalProvider({ redirectUri: REDIRECT_URI });
  });
  afterAll(() => provider.close());
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.t.stop();
    provider.people.clear();
  });

  const oidcOptions = (more: Partial<OidcOptions> = {}): OidcOptions => ({
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    redirectUri: REDIRECT_URI,
    name: 'Acme ID',
    scopes: ['openid', 'email', 'profile', 'groups'],
    roleMap: { 'crm-managers': ['manager'], 'crm-viewers': ['viewer'] },
    ...more,
  });
  const boot = async (more: Partial<OidcOptions> = {}) => {
    const server = await bootUserServer({ rateLimit: false, oidc: oidcOptions(more) });
    servers.push(server);
    return server;
  };

  /** `/api/auth/oidc/start`: the redirect to the provider and the flow cookie (`name=value`). */
  const start = async (s: UserServer, returnTo = '/console/deals?stage=won') => {
    const res = await s.app.request(`/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`);
    expect(res.status).toBe(302);
    return { res, location: res.headers.get('location') as string, flow: cookiePair(res, 'rapport_oidc') };
  };
  const cookiePair = (res: Response, name: string) => {
    const header = res.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`)) ?? '';
    return header.split(';')[0] as string;
  };
  const callback = (s: UserServer, url: URL, cookie: string, accept = 'application/json') =>
    s.app.request(`${url.pathname}${url.search}`, { headers: { cookie, accept } });

  /** The whole round trip as `accountId`: start, the provider's login and consent, the callback. */
  const roundTrip = async (s: UserServer, accountId: string, accept?: string) => {
    const started = await start(s);
    const back = await provider.signIn(started.location, accountId);
    return callback(s, back, started.flow, accept);
  };
  const me = async (s: UserServer, res: Response) => {
    const answer = await s.app.request('/api/me', {
      headers: { cookie: cookiePair(res, 'rapport_session') },
    });
    expect(answer.status).toBe(200);
    return (await answer.json()) as {
      user: { id: string; email: string; roles: string[]; name: string };
      csrfToken: string;
    };
  };

  it('runs the round trip: to the provider with PKCE, back with a session cookie that works on /api/me', async () => {
    const s = await boot();
    const ada = await s.addUser('ada@example.com', ['agent']);
    provider.people.set('ada-sub', {
      email: 'ADA@example.com',
      email_verified: true,
      groups: ['crm-managers'],
    });

    const started = await start(s);
    const authorize = new URL(started.location);
    expect(authorize.origin).toBe(provider.issuer);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: provider.clientId,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      code_challenge_method: 'S256',
      scope: 'openid email profile groups',
    });
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(authorize.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    const flowHeader = started.res.headers.getSetCookie()[0] as string;
    expect(flowHeader).toMatch(/^rapport_oidc=[^;]+; Max-Age=600; Path=\/; HttpOnly; SameSite=Lax$/);
    // The verifier never leaves the server but in the cookie; the cookie does not show it in plain
    // next to the challenge, and nothing in the provider URL is the verifier.
    expect(started.location).not.toContain(started.flow.split('=')[1]?.split('.')[0]);

    const back = await provider.signIn(started.location, 'ada-sub');
    const res = await callback(s, back, started.flow);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/console/deals?stage=won');
    const cookies = res.headers.getSetCookie();
    expect(cookies[0]).toMatch(/^rapport_session=[\w-]{16}\.[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(cookies[1]).toMatch(/^rapport_oidc=; Max-Age=0; Path=\/;/);

    const who = await me(s, res);
    expect(who.user).toMatchObject({ id: ada.id, email: 'ada@example.com' });
    expect(who.user.roles.sort()).toEqual(['agent', 'manager']);
    // A session like any other: its CSRF token lets it sign out.
    const out = await s.app.request('/api/auth/sign-out', {
      method: 'POST',
      headers: { cookie: cookiePair(res, 'rapport_session'), 'x-csrf-token': who.csrfToken },
    });
    expect(out.status).toBe(204);

    // The code is spent: the same callback again is refused by the provider.
    const replay = await callback(s, back, started.flow);
    expect(replay.status).toBe(401);
    expect((await replay.json()).code).toBe('OIDC_FAILED');
  });

  it('uses __Host- cookies over https, and reads no flow cookie a sibling domain could plant', async () => {
    const s = await boot();
    await s.addUser('jo@example.com', ['agent']);
    provider.people.set('jo', { email: 'jo@example.com', email_verified: true });
    const started = await s.app.request('https://localhost/api/auth/oidc/start');
    const header = started.headers.getSetCookie()[0] as string;
    expect(header).toMatch(
      /^__Host-rapport_oidc=[^;]+; Max-Age=600; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    const back = await provider.signIn(started.headers.get('location') as string, 'jo');
    const at = (cookie: string) =>
      s.app.request(`https://localhost${back.pathname}${back.search}`, {
        headers: { cookie, accept: 'application/json' },
      });
    const value = cookiePair(started, '__Host-rapport_oidc').split('=')[1];
    expect((await at(`rapport_oidc=${value}`)).status).toBe(401);
    const res = await at(`__Host-rapport_oidc=${value}`);
    expect(res.status).toBe(302);
    expect(res.headers.getSetCookie()[0]).toMatch(
      /^__Host-rapport_session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
    );
  });

  it('maps groups to roles at each sign-in: provider roles follow the groups, other roles stay', async () => {
    const s = await boot();
    await s.addUser('bo@example.com', ['agent', 'viewer']);
    provider.people.set('bo', {
      email: 'bo@example.com',
      email_verified: true,
      groups: ['crm-managers', 'other'],
    });
    expect((await me(s, await roundTrip(s, 'bo'))).user.roles.sort()).toEqual(['agent', 'manager']);
    provider.people.set('bo', { email: 'bo@example.com', email_verified: true, groups: ['crm-viewers'] });
    expect((await me(s, await roundTrip(s, 'bo'))).user.roles.sort()).toEqual(['agent', 'viewer']);
    provider.people.set('bo', { email: 'bo@example.com', email_verified: true });
    expect((await me(s, await roundTrip(s, 'bo'))).user.roles).toEqual(['agent']);
  });

  it('creates a user (no password) at a first sign-in when createUsers allows, with defaultRoles and the groups', async () => {
    const s = await boot({ createUsers: true, defaultRoles: ['rep'] });
    provider.people.set('cy', {
      email: 'cy@example.com',
      email_verified: true,
      name: 'Cy Young',
      groups: ['crm-viewers'],
    });
    const res = await roundTrip(s, 'cy');
    expect(res.status).toBe(302);
    const who = await me(s, res);
    expect(who.user).toMatchObject({ name: 'Cy Young', email: 'cy@example.com' });
    expect(who.user.roles.sort()).toEqual(['rep', 'viewer']);
    const stored = await s.accounts.get(who.user.id, { actor: SYSTEM_ACTOR });
    expect(stored.passwordHash).toBeUndefined();
    // The second sign-in links to the same user.
    expect((await me(s, await roundTrip(s, 'cy'))).user.id).toBe(who.user.id);
    const { items } = await s.accounts.find({ limit: 10 }, { actor: SYSTEM_ACTOR });
    expect(items.map((user) => user.email)).toEqual(['cy@example.com']);
  });

  it('refuses an unknown person when createUsers is off: a problem for API clients, the sign-in page for browsers', async () => {
    const s = await boot();
    provider.people.set('dee', { email: 'dee@example.com', email_verified: true, groups: ['crm-managers'] });
    const res = await roundTrip(s, 'dee');
    expect(res.status).toBe(403);
    const problem = await res.json();
    expect(problem).toMatchObject({ code: 'SIGN_IN_REFUSED', details: { reason: 'no-account' } });
    expect(problem.detail).toMatch(/no user has this e-mail address/);
    expect(res.headers.getSetCookie().join()).not.toContain('rapport_session=');

    const page = await roundTrip(s, 'dee', 'text/html,application/xhtml+xml');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/console/?signInError=SIGN_IN_REFUSED&reason=no-account');
    expect(page.headers.getSetCookie()).toEqual([expect.stringMatching(/^rapport_oidc=; Max-Age=0/)]);
    const { items } = await s.accounts.find({ limit: 10 }, { actor: SYSTEM_ACTOR });
    expect(items).toEqual([]);
  });

  it('links only by a verified e-mail address, and never to a deactivated user', async () => {
    const s = await boot({ createUsers: true });
    await s.addUser('eve@example.com', ['admin']);
    provider.people.set('mallory', { email: 'eve@example.com', email_verified: false });
    const res = await roundTrip(s, 'mallory');
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ details: { reason: 'email-unverified' } });

    const fay = await s.addUser('fay@example.com', ['agent'], { active: false });
    provider.people.set('fay', { email: 'fay@example.com', email_verified: true });
    const inactive = await roundTrip(s, 'fay');
    expect(inactive.status).toBe(403);
    expect(await inactive.json()).toMatchObject({ details: { reason: 'inactive' } });
    expect((await s.accounts.get(fay.id, { actor: SYSTEM_ACTOR })).active).toBe(false);
  });

  it('refuses a tampered state, a tampered or missing flow cookie, and a nonce the flow did not send', async () => {
    const s = await boot();
    await s.addUser('gil@example.com', ['agent']);
    provider.people.set('gil', { email: 'gil@example.com', email_verified: true });
    const refusedWith = async (res: Response, detail: RegExp) => {
      expect(res.status).toBe(401);
      const problem = await res.json();
      expect(problem.code).toBe('OIDC_FAILED');
      expect(problem.detail).toMatch(detail);
      expect(res.headers.getSetCookie().join()).not.toContain('rapport_session=');
    };

    // State: the callback's state is not the flow's.
    const one = await start(s);
    const back = await provider.signIn(one.location, 'gil');
    const forged = new URL(back);
    forged.searchParams.set('state', 'someone-elses-state-value');
    await refusedWith(await callback(s, forged, one.flow), /state/);

    // The flow cookie: one character changed, or none at all.
    const two = await start(s);
    const backTwo = await provider.signIn(two.location, 'gil');
    const [name, value = ''] = two.flow.split('=');
    const flipped = `${name}=${value.startsWith('a') ? 'b' : 'a'}${value.slice(1)}`;
    await refusedWith(await callback(s, backTwo, flipped), /not signed by this server/);
    await refusedWith(await callback(s, backTwo, ''), /missing/);

    // Nonce: a correctly signed flow whose nonce is not the one the provider put in the ID token.
    const three = await start(s);
    const backThree = await provider.signIn(three.location, 'gil');
    const secret = s.t.kernel.resolve(SERVER_SECRET);
    const flow = await openFlow(three.flow.split('=')[1], secret, s.t.kernel.clock.now());
    expect(flow).toBeDefined();
    const resealed = sealFlow({ ...(flow as NonNullable<typeof flow>), nonce: 'a-nonce-never-sent' }, secret);
    await refusedWith(await callback(s, backThree, `rapport_oidc=${resealed}`), /nonce/);

    // An expired flow (ten minutes) is refused too.
    const four = await start(s);
    const backFour = await provider.signIn(four.location, 'gil');
    s.t.clock.advance(600_001);
    await refusedWith(await callback(s, backFour, four.flow), /expired/);
  });

  it("counts refused callbacks against the client's sign-in allowance", async () => {
    const server = await bootUserServer({
      rateLimit: false,
      signInThrottle: { perClient: { limit: 3, windowMs: 900_000, burst: 3 } },
      oidc: oidcOptions(),
    });
    servers.push(server);
    const forged = new URL(`${REDIRECT_URI}?code=made-up&state=made-up`);
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await callback(server, forged, 'rapport_oidc=forged.k0.AAAA')).status).toBe(401);
    }
    const throttled = await callback(server, forged, 'rapport_oidc=forged.k0.AAAA');
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await throttled.json()).code).toBe('RATE_LIMITED');
  });

  it('refuses a returnTo that is not a path on this server (no open redirect)', async () => {
    const s = await boot();
    for (const returnTo of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
      'evil.example',
      '/ok\nLocation: https://evil.example',
    ]) {
      const res = await s.app.request(`/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`);
      expect(res.status, returnTo).toBe(400);
      const problem = await res.json();
      expect(problem.errors?.[0]?.path ?? problem.errors, returnTo).toBe('returnTo');
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    const fine = await start(s, '/console/customers/c_1#notes');
    expect(fine.location.startsWith(provider.issuer)).toBe(true);
    const none = await s.app.request('/api/auth/oidc/start');
    expect(none.status).toBe(302);
    const flow = await openFlow(
      cookiePair(none, 'rapport_oidc').split('=')[1],
      s.t.kernel.resolve(SERVER_SECRET),
      s.t.kernel.clock.now(),
    );
    expect(flow?.returnTo).toBe('/console/');
  });

  it('tells the sign-in page which methods there are, and documents the routes', async () => {
    const s = await boot();
    const res = await s.app.request('/api/auth/methods');
    expect(await res.json()).toEqual({
      password: true,
      oidc: { name: 'Acme ID', start: '/api/auth/oidc/start' },
    });
    const doc = await (await s.app.request('/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/auth/methods', '/api/auth/oidc/start', '/api/auth/oidc/callback']),
    );
    const plain = await bootUserServer({ rateLimit: false });
    servers.push(plain);
    expect(await (await plain.app.request('/api/auth/methods')).json()).toEqual({
      password: true,
      oidc: null,
    });
    // No such public route: like any unknown /api path, it wants a key or a session first.
    expect((await plain.app.request('/api/auth/oidc/start')).status).toBe(401);
    const plainDoc = await (await plain.app.request('/openapi.json')).json();
    expect(plainDoc.paths['/api/auth/oidc/start']).toBeUndefined();
  });

  it('refuses a configuration naming unknown roles, a plain-http provider elsewhere, or no users plugin', async () => {
    const s = await boot();
    const make = (oidc: Partial<OidcOptions>) => () => createServer(s.t.kernel, { oidc: oidcOptions(oidc) });
    expect(make({ roleMap: { 'crm-x': ['captain'] } })).toThrow(
      /oidc\.roleMap\.crm-x names the role 'captain'/,
    );
    expect(make({ defaultRoles: ['captain'] })).toThrow(/oidc\.defaultRoles/);
    expect(make({ issuer: 'http://login.example.com' })).toThrow(/oidc\.issuer must be an https URL/);
    expect(make({ redirectUri: 'not a url' })).toThrow(/oidc\.redirectUri must be an absolute URL/);
    expect(make({ redirectUri: 'https://crm.example.com/auth/callback' })).toThrow(
      /oidc\.redirectUri must be this server's \/api\/auth\/oidc\/callback/,
    );
    expect(make({ scopes: ['email'] })).toThrow(/oidc\.scopes must include 'openid'/);
    try {
      make({ clientId: '' })();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors).toEqual([
        { path: 'oidc.clientId', rule: 'type', message: 'must be a string of 1 to 1000 characters' },
      ]);
    }
  });
});
