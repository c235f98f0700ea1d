import type { DataStore } from '@rapport/core';
import { type Customer, type CustomerRecord, customers } from '@rapport/plugin-customers';
import { createTestKernel, createTestServer, type TestKernel } from '@rapport/testing';
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

/** Boots customers + sales behind the HTTP server, with an API key per role (two reps). */
export function bootServer(options: BootOptions = {}) {
  return createTestServer({
    plugins: [
      customers({ currency: 'EUR' }),
      sales(options.options ?? {}),
      ...((options.plugins ?? []) as never[]),
    ],
    now: options.now ?? '2026-06-01T00:00:00.000Z',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    keys: {
      admin: ['admin'],
      manager: ['manager'],
      salesManager: ['salesManager'],
      rep: ['salesRep'],
      rep2: ['salesRep'],
      viewer: ['viewer'],
    },
  });
}
