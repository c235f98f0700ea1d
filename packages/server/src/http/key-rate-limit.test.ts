import { ValidationError } from '@rapport/core';
import { createTestKernel } from '@rapport/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { apiKeys } from '../auth/api-key-entity.js';
import { createApiKey } from '../auth/api-keys.js';
import { createServer, type ServerOptions } from '../create-server.js';
import { bootServer, type ServerFixture } from '../test-support/fixture.js';
import { rateLimitOptionProblems } from './key-rate-limit.js';

const RATE_HEADERS = ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'ratelimit-policy'];

/** The `RateLimit-*` and `Retry-After` headers of an answer. */
function limitHeaders(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of [...RATE_HEADERS, 'retry-after']) {
    const value = res.headers.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

describe('rate limits per API key', () => {
  let f: ServerFixture;
  afterEach(() => f.t.stop());

  const boot = async (rateLimit: ServerOptions['rateLimit']) => {
    f = await bootServer(rateLimit === undefined ? {} : { rateLimit });
    return f;
  };
  const get = (key: string, path = '/api/service-tickets') => f.app.request(path, { headers: f.auth(key) });
  const burst = async (key: string, n: number, path?: string) => {
    const statuses: number[] = [];
    for (let i = 0; i < n; i += 1) statuses.push((await get(key, path)).status);
    return statuses;
  };

  it('answers 429 RATE_LIMITED with Retry-After once a burst is spent, and RateLimit headers throughout', async () => {
    await boot({ limit: 60, windowMs: 60_000, burst: 3 });
    const first = await get(f.keys.viewer);
    expect(first.status).toBe(200);
    expect(limitHeaders(first)).toEqual({
      'ratelimit-limit': '60',
      'ratelimit-remaining': '2',
      'ratelimit-reset': '1',
      'ratelimit-policy': '60;w=60;burst=3',
    });
    expect(await burst(f.keys.viewer, 2)).toEqual([200, 200]);
    const refused = await get(f.keys.viewer);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(limitHeaders(refused)).toMatchObject({ 'retry-after': '1', 'ratelimit-remaining': '0' });
    const problem = await refused.json();
    expect(problem).toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
      title: 'Too Many Requests',
      details: { limit: 60 },
    });
    expect(problem.detail).toContain('retry in 1 s');
  });

  it('puts the headers on plugin routes and errors of a limited key, never on a 401', async () => {
    await boot({ limit: 100, burst: 50 });
    const plugin = await get(f.keys.viewer, '/api/helpdesk/summary');
    expect(plugin.status).toBe(200);
    expect(limitHeaders(plugin)['ratelimit-remaining']).toBe('49');
    const missing = await get(f.keys.viewer, '/api/service-tickets/nope');
    expect(missing.status).toBe(404);
    expect(limitHeaders(missing)['ratelimit-remaining']).toBe('48');
    const forbidden = await get(f.keys.none);
    expect(forbidden.status).toBe(403);
    expect(limitHeaders(forbidden)['ratelimit-limit']).toBe('100');
    const unknown = await f.app.request('/api/service-tickets', { headers: f.auth('rk_nope') });
    expect(unknown.status).toBe(401);
    expect(limitHeaders(unknown)).toEqual({});
  });

  it('leaves admin keys alone by default, and limits them when their role says so', async () => {
    await boot({ limit: 60, burst: 2 });
    const statuses = await burst(f.keys.admin, 10);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(limitHeaders(await get(f.keys.admin))).toEqual({});
    await f.t.stop();

    await boot({ limit: 60, burst: 2, roles: { admin: 'default' } });
    expect(await burst(f.keys.admin, 3)).toEqual([200, 200, 429]);
  });

  it('treats a role granting *:* as admin', async () => {
    const t = await createTestKernel({ plugins: [apiKeys()], access: { roles: { root: ['*:*'] } } });
    f = { t } as ServerFixture;
    const app = createServer(t.kernel, { logRequests: false, rateLimit: { limit: 60, burst: 1 } });
    const statuses = async (roles: string[]) => {
      const { key } = await createApiKey(t.kernel, { name: roles.join(), roles });
      const out: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        out.push((await app.request('/api/metrics', { headers: { authorization: `Bearer ${key}` } })).status);
      }
      return out;
    };
    expect(await statuses(['root'])).toEqual([200, 200, 200]);
    expect(await statuses(['manager'])).toEqual([200, 429, 429]);
  });

  it('recovers one request per interval, and the whole burst after the window', async () => {
    await boot({ limit: 60, windowMs: 60_000, burst: 3 });
    expect(await burst(f.keys.viewer, 4)).toEqual([200, 200, 200, 429]);
    f.t.clock.advance(999);
    expect((await get(f.keys.viewer)).status).toBe(429);
    f.t.clock.advance(1);
    expect(await burst(f.keys.viewer, 2)).toEqual([200, 429]);
    f.t.clock.advance(60_000);
    const rested = await get(f.keys.viewer);
    expect(rested.status).toBe(200);
    expect(rested.headers.get('ratelimit-remaining')).toBe('2');
  });

  it('counts each key apart, even two keys of the same user', async () => {
    await boot({ limit: 60, burst: 2 });
    expect(await burst(f.keys.viewer, 3)).toEqual([200, 200, 429]);
    expect(await burst(f.keys.agentNorth, 2)).toEqual([200, 200]);
    const mine = async (name: string) =>
      (await createApiKey(f.t.kernel, { name, roles: ['viewer'], attributes: { userId: 'u-1' } })).key;
    const laptop = await mine('laptop');
    const phone = await mine('phone');
    expect(await burst(laptop, 3)).toEqual([200, 200, 429]);
    expect(await burst(phone, 2)).toEqual([200, 200]);
  });

  it('lets a role or a key choose a named policy or none; the most generous role wins', async () => {
    f = await bootServer({
      rateLimit: {
        limit: 60,
        burst: 1,
        policies: { bulk: { limit: 600, burst: 3 }, trickle: { limit: 6, burst: 1 } },
        roles: { reader: 'bulk', viewer: 'trickle' },
      },
    });
    expect(await burst(f.keys.reader, 4)).toEqual([200, 200, 200, 429]);
    const key = async (roles: string[], rateLimit?: string) =>
      (
        await createApiKey(f.t.kernel, {
          name: `k${roles.join()}${rateLimit}`,
          roles,
          ...(rateLimit ? { attributes: { rateLimit } } : {}),
        })
      ).key;
    const both = await key(['viewer', 'reader']);
    expect((await get(both)).headers.get('ratelimit-policy')).toBe('600;w=60;burst=3');
    const off = await key(['viewer'], 'off');
    expect((await burst(off, 5)).every((status) => status === 200)).toBe(true);
    const bulk = await key(['viewer'], 'bulk');
    expect((await get(bulk)).headers.get('ratelimit-policy')).toBe('600;w=60;burst=3');
    // An unknown name never lifts the limit: it means the default policy.
    const typo = await key(['reader'], 'bluk');
    expect((await get(typo)).headers.get('ratelimit-policy')).toBe('60;w=60;burst=1');
  });

  it('is on by default for keys that are not admins, and off with rateLimit: false', async () => {
    await boot(undefined);
    expect((await get(f.keys.viewer)).headers.get('ratelimit-policy')).toBe('1200;w=60;burst=200');
    await f.t.stop();
    await boot(false);
    expect(limitHeaders(await get(f.keys.viewer))).toEqual({});
  });

  it('refuses bad options, naming each field', async () => {
    expect(
      rateLimitOptionProblems({
        limit: 0,
        burst: 1.5,
        policies: { off: { limit: 1 }, bulk: { limit: 10, windowMs: -1 } },
        roles: { agent: 'nope' },
        extra: 1,
      }).map((problem) => problem.path),
    ).toEqual([
      'rateLimit.extra',
      'rateLimit.limit',
      'rateLimit.burst',
      'rateLimit.policies.off',
      'rateLimit.policies.bulk.windowMs',
      'rateLimit.roles.agent',
    ]);
    f = await bootServer();
    expect(() => createServer(f.t.kernel, { rateLimit: { limit: -5 } })).toThrow(ValidationError);
    expect(() => createServer(f.t.kernel, { rateLimit: { limit: -5 } })).toThrow(
      'rateLimit.limit must be a positive integer',
    );
  });
});
