import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer as createNetServer } from 'node:net';
import { dirname, join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, serveRapport } from '../../serve.js';
import { type LocalProvider, startLocalProvider } from '../../test-support/oidc-provider.js';
import { bootUserServer, type UserServer } from '../../test-support/user-fixture.js';

/** Debian's Chromium (CI installs it); the test skips without it, or without a built console. */
const CHROMIUM = '/usr/bin/chromium';
const consoleBuilt = existsSync(
  join(
    dirname(createRequire(import.meta.url).resolve('@rapport/console/package.json')),
    'dist',
    'index.html',
  ),
);
if (!existsSync(CHROMIUM) || !consoleBuilt) {
  console.warn('provider sign-in browser test skipped: needs /usr/bin/chromium and a built @rapport/console');
}

/** A free TCP port on 127.0.0.1 (the redirect URI names it before the server listens). */
async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * The whole thing as a person does it, in a real browser: the console's button, the provider's
 * login form on another site (127.0.0.1 against localhost, so the flow cookie's SameSite=Lax and
 * the session cookie's SameSite=Strict are what a browser really does with them), and back to the
 * console, signed in.
 */
describe.skipIf(!existsSync(CHROMIUM) || !consoleBuilt)('provider sign-in in a real browser', () => {
  let provider: LocalProvider;
  let s: UserServer;
  let server: RunningServer;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    const redirectUri = `${base}/api/auth/oidc/callback`;
    provider = await startLocalProvider({ redirectUri });
    s = await bootUserServer({
      rateLimit: false,
      oidc: {
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        redirectUri,
        name: 'Acme ID',
        scopes: ['openid', 'email', 'profile', 'groups'],
        roleMap: { 'crm-managers': ['manager'] },
        createUsers: true,
        defaultRoles: ['viewer'],
      },
    });
    server = await serveRapport(s.t.kernel, s.app, { port, hostname: '127.0.0.1' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await provider?.close();
  });

  it('signs in with the button, at the provider, and comes back to the console signed in', async () => {
    provider.people.set('hana', {
      email: 'hana@example.com',
      email_verified: true,
      name: 'Hana Sato',
      groups: ['crm-managers'],
    });
    const context = await browser.newContext({ locale: 'en-GB' });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    await page.goto(`${base}/console/`);
    await page.getByRole('link', { name: 'Sign in with Acme ID' }).click();
    await page.waitForURL(`${provider.issuer}/**`);
    await page.getByLabel('Account').fill('hana');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${base}/console/**`);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    const cookies = await context.cookies(base);
    const session = cookies.find((cookie) => cookie.name === 'rapport_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookies.find((cookie) => cookie.name === 'rapport_oidc')).toBeUndefined();
    const me = await page.evaluate(async () => (await fetch('/api/me')).json());
    expect(me.user).toMatchObject({ name: 'Hana Sato', email: 'hana@example.com' });
    expect(me.user.roles.sort()).toEqual(['manager', 'viewer']);
    // The console's own requests work as after a password sign-in: sign-out sends the CSRF token.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in with Acme ID' }).waitFor();
    expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);
    await context.close();
  });

  it('shows the refusal on the sign-in page when the provider has not verified the address', async () => {
    provider.people.set('ivo', { email: 'ivo@example.com', email_verified: false });
    const context = await browser.newContext({ locale: 'en-GB' });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    await page.goto(`${base}/console/`);
    await page.getByRole('link', { name: 'Sign in with Acme ID' }).click();
    await page.getByLabel('Account').fill('ivo');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect
      .poll(async () => (await page.getByRole('alert').textContent({ timeout: 30_000 }))?.trim())
      .toBe('Your provider has not verified your e-mail address, so it cannot sign you in here.');
    expect(new URL(page.url()).search).toBe('');
    expect((await context.cookies(base)).map((cookie) => cookie.name)).not.toContain('rapport_session');
    await context.close();
  });
});
