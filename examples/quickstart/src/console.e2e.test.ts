import { join } from 'node:path';
import { type RunningServer, serveRapport } from '@rapport/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasChromium,
  launchChromium,
  screenshotFolder,
  seriousViolations,
} from './test-support/console-browser.js';
import { bootQuickstartServer } from './test-support/quickstart-server.js';

if (!hasChromium && process.env.RAPPORT_REQUIRE_CHROMIUM === '1') {
  throw new Error('the console end-to-end test needs /usr/bin/chromium (CI installs it: .ci/chromium)');
}
if (!hasChromium) {
  console.warn(
    'console end-to-end test skipped: /usr/bin/chromium is not installed (apt-get install chromium)',
  );
}

describe.skipIf(!hasChromium)('the console in a real browser', () => {
  let server: RunningServer;
  let adminKey: string;
  let close: () => Promise<void>;
  let page: Page;
  const problems: string[] = [];
  const shots = screenshotFolder('console');

  beforeAll(async () => {
    const quickstart = await bootQuickstartServer({ customers: 120, deals: 150 });
    adminKey = quickstart.adminKey;
    server = await serveRapport(quickstart.t.kernel, quickstart.app, {
      port: 0,
      hostname: '127.0.0.1',
      shutdownGraceMs: 1_000,
    });
    const chromium = await launchChromium({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
    close = chromium.close;
    page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));
  }, 60_000);

  afterAll(async () => {
    await close?.();
    await server?.stop();
  });

  /** Checks the page with axe-core and keeps a screenshot of it. */
  const check = async (name: string) => {
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    expect(await seriousViolations(page), `${name}: serious accessibility violations`).toEqual([]);
  };

  it('signs in, lists customers, opens one, and creates one after a field error', async () => {
    await page.goto(`${server.url}/console/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await check('01-sign-in');

    // Until user accounts land, the quickstart's admin API key signs in (for this tab only).
    await page.getByRole('button', { name: 'Use an API key instead' }).click();
    await page.getByLabel('API key').fill(adminKey);
    await page.getByRole('button', { name: 'Continue with the key' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.locator('.tile__value').first().waitFor();
    await check('02-dashboard');

    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Customers' })
      .click();
    const table = page.getByRole('table', { name: 'Customers' });
    await table.getByRole('link').first().waitFor();
    await expect.poll(() => page.getByText(/^120 records$/).count()).toBe(1);
    expect(await table.getByRole('row').count()).toBeGreaterThan(10);
    await check('03-customers');

    const first = table.getByRole('link').first();
    const name = (await first.textContent())?.trim() ?? '';
    await first.click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByRole('heading', { name: 'History' }).waitFor();
    await check('04-customer');

    await page.goto(`${server.url}/console/records/customers`);
    await page.getByRole('link', { name: 'New customer' }).click();
    await page.getByRole('heading', { name: 'New customer' }).waitFor();
    await page.getByLabel(/^Kind/).selectOption('person');
    await page.getByLabel(/^Name/).fill('Zhang Min');
    await page.getByLabel(/^Email/).fill('not-an-address');
    await page.getByRole('button', { name: 'Create' }).click();
    const email = page.getByLabel(/^Email/);
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await email.getAttribute('aria-describedby'))
      ?.split(' ')
      .find((id) => id.endsWith('-error'));
    expect(await page.locator(`#${errorId}`).textContent()).toContain('e-mail');
    await check('05-field-error');

    await email.fill('zhang.min@example.cn');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { level: 1, name: 'Zhang Min' }).waitFor();
    expect(await page.getByText('zhang.min@example.cn').count()).toBeGreaterThan(0);
    await check('06-created');

    expect(problems.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
  }, 120_000);
});
