import { createTestKernel, createTestServer, type TestKernel } from '@rapport/testing';
import { customers } from '../customers-plugin.js';
import type { CustomersInput } from '../options.js';

/** Plugins to boot beside the customers plugin. */
type PluginList = NonNullable<Parameters<typeof createTestKernel>[0]>['plugins'];

/** Boots a test kernel with the customers plugin (and any others) on a manual clock. */
export async function bootCustomers(
  options: {
    plugins?: PluginList;
    options?: CustomersInput;
    now?: string;
    access?: NonNullable<Parameters<typeof createTestKernel>[0]>['access'];
  } = {},
): Promise<TestKernel> {
  return createTestKernel({
    plugins: [customers(options.options ?? {}), ...(options.plugins ?? [])],
    now: options.now ?? '2026-06-01T00:00:00.000Z',
    ...(options.access ? { access: options.access } : {}),
  });
}

/** Boots the customers plugin behind the HTTP server, with an API key per built-in role. */
export function bootServer(options: { plugins?: PluginList; options?: CustomersInput } = {}) {
  return createTestServer({
    plugins: [customers(options.options ?? {}), ...(options.plugins ?? [])],
    now: '2026-06-01T00:00:00.000Z',
  });
}

/** Milliseconds of one day. */
export const DAY = 86_400_000;
