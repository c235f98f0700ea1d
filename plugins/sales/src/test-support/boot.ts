import type { DataStore } from '@rapport/core';
import { type Customer, type CustomerRecord, customers } from '@rapport/plugin-customers';
import { apiKeys, createApiKey, createServer } from '@rapport/server';
import { createTestKernel, type TestKernel } from '@rapport/testing';
import type { SalesInput } from '../options.js';
import { sales } from '../sales-plugin.js';

/** Milliseconds of one day. */
export const DAY = 86_400_000;

/** Options of {@link bootSales}. */
export interface BootOptions {
  plugins?: unknown[];
  options?: SalesInput;
  now?: string;
  store?: DataStore;
  /** The deployment time zone (default UTC). */
  timeZone?: string;
}

/** Boots customers + sales (and any other plugins) on a manual clock. */
export async function bootSales(options: BootOptions = {}): Promise<TestKernel> {
  return createTestKernel({
    plugins: [
      customers({ currency: 'EUR' }),
      sales(options.options ?? {}),
      ...((options.plugins ?? []) as never[]),
    ],
    now: options.now ?? '2026-06-01T00:00:00.000Z',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(options.store ? { store: options.store } : {}),
  });
}

/** Creates a customer as the admin. */
export async function customer(t: TestKernel, input: Partial<Customer> = {}): Promise<CustomerRecord> {
  return (await t.data<Customer>('customer').create({
    kind: 'organisation',
    name: `Customer ${Math.random().toString(36).slice(2, 8)}`,
    ...input,
  })) as CustomerRecord;
}

/** Boots customers + sales behind the HTTP server, with an API key per role. */
export async function bootServer(options: BootOptions = {}) {
  const t = await createTestKernel({
    plugins: [
      apiKeys(),
      customers({ currency: 'EUR' }),
      sales(options.options ?? {}),
      ...((options.plugins ?? []) as never[]),
    ],
    now: options.now ?? '2026-06-01T00:00:00.000Z',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
  const app = createServer(t.kernel, { logRequests: false, docs: false });
  const key = async (name: string, roles: string[]) => {
    const created = await createApiKey(t.kernel, { name, roles });
    return { key: created.key, actorId: `key:${created.record.keyId}` };
  };
  const keys = {
    admin: await key('admin', ['admin']),
    manager: await key('manager', ['manager']),
    salesManager: await key('salesManager', ['salesManager']),
    rep: await key('rep', ['salesRep']),
    rep2: await key('rep2', ['salesRep']),
    viewer: await key('viewer', ['viewer']),
  };
  /** Sends `body` as JSON: a string as it is, anything else through `JSON.stringify`. */
  const request = (method: string, path: string, as: keyof typeof keys, body?: unknown) =>
    app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${keys[as].key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  return { t, app, keys, request };
}
