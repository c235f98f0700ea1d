import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, json } from '../test-support/fake-api.js';
import { MODEL } from '../test-support/fake-model.js';
import { renderConsole } from '../test-support/render.js';

const WITH_PROVIDER = { password: true, oidc: { name: 'Acme ID', start: '/api/auth/oidc/start' } };

/** Nobody signed in; `/api/auth/methods` answers `methods`. */
function strangerApi(methods: unknown) {
  return installFakeApi({
    model: MODEL,
    route: (method, url) =>
      method === 'GET' && url.pathname === '/api/auth/methods' ? json(methods) : undefined,
  });
}

describe('the sign-in page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  it('offers "Sign in with <provider>" when the server has one, coming back to the page the person was on', async () => {
    window.history.replaceState(null, '', '/console/records/deals?stage=won#top');
    strangerApi(WITH_PROVIDER);
    renderConsole('/records/deals');
    const link = await screen.findByRole('link', { name: 'Sign in with Acme ID' });
    const href = new URL(link.getAttribute('href') as string, 'http://localhost');
    expect(href.pathname).toBe('/api/auth/oidc/start');
    expect(href.searchParams.get('returnTo')).toBe('/console/records/deals?stage=won#top');
    // The password form stays.
    expect(screen.getByLabelText('E-mail')).toBeDefined();
  });

  it('names the provider in Chinese too', async () => {
    strangerApi(WITH_PROVIDER);
    renderConsole('/', 'zh-Hans');
    expect(await screen.findByRole('link', { name: '使用 Acme ID 登录' })).toBeDefined();
    expect(screen.getByText('或使用电子邮箱和密码登录')).toBeDefined();
  });

  it('shows no provider button without a provider, nor when the server does not say', async () => {
    const seen = strangerApi({ password: true, oidc: null });
    renderConsole('/');
    await screen.findByLabelText('E-mail');
    await vi.waitFor(() => expect(seen.some((r) => r.url.pathname === '/api/auth/methods')).toBe(true));
    expect(screen.queryByRole('link', { name: /Sign in with/ })).toBeNull();
  });

  it('shows why the server refused a provider sign-in, once, in the language of the console', async () => {
    window.history.replaceState(null, '', '/console/?signInError=SIGN_IN_REFUSED&reason=no-account');
    strangerApi(WITH_PROVIDER);
    renderConsole('/');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'There is no account for your e-mail address here. Ask an administrator to add you.',
    );
    expect(window.location.search).toBe('');
    // The retry link does not carry the refusal along.
    const link = await screen.findByRole('link', { name: 'Sign in with Acme ID' });
    expect(link.getAttribute('href')).toBe('/api/auth/oidc/start?returnTo=%2Fconsole%2F');
  });

  it('says a failed round trip in Chinese', async () => {
    window.history.replaceState(null, '', '/console/?signInError=OIDC_FAILED');
    strangerApi(WITH_PROVIDER);
    renderConsole('/', 'zh-Hans');
    expect((await screen.findByRole('alert')).textContent).toBe('通过身份提供方登录未完成，请重试。');
  });
});
