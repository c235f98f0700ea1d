import { apiKeys, createApiKey, createServer } from '@rapport/server';
import { createTestKernel, type TestKernel } from '@rapport/testing';
import { customers } from '../customers-plugin.js';
import type { CustomersInput } from '../options.js';

/** Boots a test kernel with the customers plugin (and any others) on a manual clock. */
export async function bootCustomers(
  options: {
    plugins?: NonNullable<Parameters<typeof createTestKernel>[0]>['plugins'];
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

/** Boots the customers plugin behind the HTTP server, with API keys per role. */
export async function bootServer(options: { plugins?: unknown[]; options?: CustomersInput } = {}) {
  const t = await createTestKernel({
    plugins: [apiKeys(), customers(options.options ?? {}), ...((options.plugins ?? []) as never[])],
    now: '2026-06-01T00:00:00.000Z',
  });
  const app = createServer(t.kernel, { logRequests: false, docs: false });
  const key = async (name: string, roles: string[]) => (await createApiKey(t.kernel, { name, roles })).key;
  const keys = {
    admin: await key('admin', ['admin']),
    manager: await key('manager', ['manager']),
    agent: await key('agent', ['agent']),
    viewer: await key('viewer', ['viewer']),
  };
  const request = (
    method: string,
    path: string,
    as: keyof typeof keys,
    body?: unknown,
    type = 'application/json',
  ) =>
    app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${keys[as]}`,
        ...(body === undefined ? {} : { 'content-type': type }),
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  return { t, app, keys, request };
}

/** Milliseconds of one day. */
export const DAY = 86_400_000;
