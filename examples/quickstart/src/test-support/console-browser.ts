import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, which CI installs; the end-to-end tests skip without it. */
export const CHROMIUM = '/usr/bin/chromium';

/** True when the browser the end-to-end tests drive is installed. */
export const hasChromium = existsSync(CHROMIUM);

/** A headless Chromium with a fresh profile, and how to close it (removing the profile). */
export async function launchChromium(
  options: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'rapport-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...options,
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** One accessibility violation axe-core reported. */
export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * The serious and critical accessibility violations axe-core finds on the page as it is now.
 * axe runs through the DevTools protocol, so the page's CSP (no inline scripts) stays on.
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(axe.source);
  const found = await page.evaluate(async () => {
    const runner = (
      globalThis as unknown as {
        axe: {
          run(
            context: unknown,
            options: unknown,
          ): Promise<{
            violations: Array<{
              id: string;
              impact: string | null;
              help: string;
              nodes: Array<{ target: unknown[] }>;
            }>;
          }>;
        };
      }
    ).axe;
    const result = await runner.run(globalThis, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
    }));
  });
  return found.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** Where the end-to-end tests write their screenshots (kept by CI with the test results). */
export function screenshotFolder(name: string): string {
  const folder = join(process.cwd(), '.vitest', 'screenshots', name);
  mkdirSync(folder, { recursive: true });
  return folder;
}
