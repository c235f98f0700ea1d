import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type ServerOptions } from '../create-server.js';
import { bootServer, type ServerFixture } from '../test-support/fixture.js';
import { corsOptionProblems } from './cors.js';

const CRM = 'https://crm.example.com';

describe('CORS', () => {
  let f: ServerFixture;
  afterEach(() => f.t.stop());
  const boot = async (cors?: ServerOptions['cors']) => {
    f = await bootServer(cors ? { cors } : {});
    return f;
  };
  const preflight = (origin: string, path = '/api/service-tickets') =>
    f.app.request(path, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization, if-match',
      },
    });

  it('allows no origin unless configured', async () => {
    await boot();
    const res = await f.app.request('/api/service-tickets', {
      headers: f.auth(f.keys.admin, { origin: CRM }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await preflight(CRM);
    expect(pre.status).toBe(401);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const doc = await f.app.request('/openapi.json', { headers: { origin: CRM } });
    expect(doc.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a preflight from an allowed origin without a key, and lets the browser read the limits', async () => {
    await boot({ origins: [CRM, 'http://localhost:5173'] });
    const pre = await preflight(CRM);
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(CRM);
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET,HEAD,POST,PATCH,DELETE');
    expect(pre.headers.get('access-control-allow-headers')).toContain('if-match');
    expect(pre.headers.get('access-control-max-age')).toBe('600');
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    expect(pre.headers.get('vary')).toContain('Origin');

    const res = await f.app.request('/api/service-tickets', {
      headers: f.auth(f.keys.viewer, { origin: CRM }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(CRM);
    expect(res.headers.get('access-control-expose-headers')).toContain('ratelimit-remaining');
    expect(res.headers.get('ratelimit-remaining')).not.toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const doc = await f.app.request('/openapi.json', { headers: { origin: 'http://localhost:5173' } });
    expect(doc.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('gives another origin no Access-Control-Allow-Origin, and a request without Origin none of CORS', async () => {
    await boot({ origins: [CRM] });
    const pre = await preflight('https://evil.example');
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const res = await f.app.request('/api/service-tickets', {
      headers: f.auth(f.keys.admin, { origin: 'https://evil.example' }),
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const server = await f.app.request('/api/service-tickets', { headers: f.auth(f.keys.admin) });
    expect(server.status).toBe(200);
    expect([...server.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('allows credentials only when configured, and any origin with *', async () => {
    await boot({ origins: [CRM], credentials: true, maxAgeSeconds: 60 });
    const pre = await preflight(CRM);
    expect(pre.headers.get('access-control-allow-credentials')).toBe('true');
    expect(pre.headers.get('access-control-max-age')).toBe('60');
    await f.t.stop();
    await boot({ origins: ['*'] });
    const any = await f.app.request('/api/service-tickets', {
      headers: f.auth(f.keys.admin, { origin: 'https://anyone.example' }),
    });
    expect(any.headers.get('access-control-allow-origin')).toBe('*');
    expect(any.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('refuses a bad policy, naming each field', async () => {
    expect(
      corsOptionProblems({
        origins: ['https://ok.example', 'crm.example.com/path', 7],
        credentials: 'yes',
      }).map((problem) => problem.path),
    ).toEqual(['cors.origins.1', 'cors.origins.2', 'cors.credentials']);
    expect(corsOptionProblems({ origins: ['*'], credentials: true }).map((p) => p.path)).toEqual([
      'cors.credentials',
    ]);
    expect(corsOptionProblems({ origins: [] })[0]?.path).toBe('cors.origins');
    await boot();
    expect(() => createServer(f.t.kernel, { cors: { origins: ['ftp://x'] } })).toThrow('cors.origins.0');
  });
});
