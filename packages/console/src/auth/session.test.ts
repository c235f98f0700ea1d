import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi } from '../test-support/fake-api.js';
import { MODEL } from '../test-support/fake-model.js';
import { authHeaders, loadMe, permits, rememberApiKey, signIn, signOut } from './session.js';

describe('the auth module', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads permissions with wildcards', () => {
    expect(permits(['customer:read'], 'customer', 'read')).toBe(true);
    expect(permits(['customer:read'], 'customer', 'update')).toBe(false);
    expect(permits(['deal:*'], 'deal', 'delete')).toBe(true);
    expect(permits(['*:read'], 'deal', 'read')).toBe(true);
    expect(permits(['*:*'], 'audit', 'read')).toBe(true);
    expect(permits([], 'deal', 'read')).toBe(false);
  });

  it('signs in with a password and sends the CSRF token on state-changing requests only', async () => {
    const seen = installFakeApi({
      model: MODEL,
      me: { user: { id: 'u1' }, permissions: ['*:*'], csrfToken: 'csrf-2' },
      route: (method, url, body) =>
        method === 'POST' && url.pathname === '/api/auth/sign-in'
          ? (body as { password?: string }).password === 'right'
            ? new Response(JSON.stringify({ user: { id: 'u1' }, csrfToken: 'csrf-1' }), { status: 200 })
            : new Response(JSON.stringify({ status: 401, code: 'UNAUTHENTICATED' }), { status: 401 })
          : url.pathname === '/api/auth/sign-out'
            ? new Response(null, { status: 204 })
            : undefined,
    });
    await expect(signIn('ada@example.com', 'wrong')).rejects.toMatchObject({ status: 401 });
    await signIn('ada@example.com', 'right');
    expect(authHeaders('GET')).toEqual({});
    expect(authHeaders('PATCH')).toEqual({ 'x-csrf-token': 'csrf-1' });
    const me = await loadMe();
    expect(me).toEqual({ user: { id: 'u1' }, permissions: ['*:*'], via: 'session' });
    expect(authHeaders('POST')).toEqual({ 'x-csrf-token': 'csrf-2' });
    await signOut();
    expect(
      seen.find((request) => request.url.pathname === '/api/auth/sign-out')?.headers.get('x-csrf-token'),
    ).toBe('csrf-2');
    expect(authHeaders('POST')).toEqual({});
  });

  it('uses an API key for the tab, and reads its permissions from the model where /api/me is missing', async () => {
    installFakeApi({
      model: MODEL,
      route: (_method, url) =>
        url.pathname === '/api/me'
          ? new Response(JSON.stringify({ status: 404, code: 'NOT_FOUND' }), { status: 404 })
          : url.pathname === '/api/audit'
            ? new Response(JSON.stringify({ status: 403, code: 'FORBIDDEN' }), { status: 403 })
            : undefined,
    });
    rememberApiKey(' rk_test_key ');
    expect(authHeaders('DELETE')).toEqual({ authorization: 'Bearer rk_test_key' });
    const me = await loadMe();
    expect(me?.via).toBe('apiKey');
    expect(me?.permissions).toEqual(
      expect.arrayContaining(['customer:read', 'customer:create', 'contact:update']),
    );
    expect(me?.permissions).not.toContain('contact:delete');
    expect(me?.permissions).not.toContain('audit:read');
    await signOut();
    expect(authHeaders('GET')).toEqual({});
  });

  it('answers null when nobody is signed in', async () => {
    installFakeApi({ model: MODEL });
    expect(await loadMe()).toBeNull();
  });
});
