import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, which CI installs; the end-to-end tests skip without it. */
export const CHROMIUM = '/usr/bin/chromium';

/** True when the browser the end-to-end tests drive is installed. */
export const hasChromium = existsSync(CHROMIUM);

/**
 * How long one browser step may take before it fails. Generous: CI runs every package's tests at
 * once on two cores, so a first page load can take seconds. Nothing waits on a fixed sleep.
 */
export const STEP_TIMEOUT_MS = 30_000;

/** A headless Chromium; each person (or each tab of one person) gets a context of their own. */
export interface ConsoleBrowser {
  browser: Browser;
  /** A fresh context (no cookies, no storage) with one page, its steps bounded by {@link STEP_TIMEOUT_MS}. */
  open(options?: { locale?: string; width?: number; height?: number }): Promise<Tab>;
  close(): Promise<void>;
}

/** One browser context and its page, with the errors its page logged. */
export interface Tab {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions of the page. */
  problems: string[];
}

/** Launches Debian's Chromium headless. */
export async function launchConsoleBrowser(): Promise<ConsoleBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    async open(options = {}) {
      const context = await browser.newContext({
        viewport: { width: options.width ?? 1280, height: options.height ?? 860 },
        locale: options.locale ?? 'en-GB',
      });
      context.setDefaultTimeout(STEP_TIMEOUT_MS);
      context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(String(error)));
      return { context, page, problems };
    },
    async close() {
      await browser.close();
    },
  };
}

/** Signs in on the console's sign-in page with e-mail and password, and waits for the dashboard. */
export async function signInWithPassword(
  page: Page,
  baseUrl: string,
  email: string,
  password: string,
  dashboard: string | RegExp = 'Dashboard',
): Promise<void> {
  await page.goto(`${baseUrl}/console/`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.getByRole('heading', { level: 1, name: dashboard }).waitFor();
}

/** One accessibility violation axe-core reported. */
export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * The serious and critical accessibility violations axe-core (through `@axe-core/playwright`)
 * finds on the page as it is now, against WCAG 2.x A and AA and best practices.
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
    }));
}

/**
 * Where the end-to-end tests write their screenshots: `test-artifacts/<name>` in the package
 * (git ignores it; CI keeps it with the test results), or under `RAPPORT_TEST_ARTIFACTS`.
 */
export function artifactsFolder(name: string): string {
  const root = process.env.RAPPORT_TEST_ARTIFACTS ?? join(process.cwd(), 'test-artifacts');
  const folder = join(root, name);
  mkdirSync(folder, { recursive: true });
  return folder;
}
