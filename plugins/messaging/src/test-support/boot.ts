import type { DataStore } from '@rapport/core';
import { type Customer, type CustomerRecord, customers } from '@rapport/plugin-customers';
import { createTestKernel, createTestServer, type TestKernel } from '@rapport/testing';
import type { ChannelAccount, ChannelAccountRecord } from '../entities/channel-account.js';
import { messaging } from '../messaging-plugin.js';
import type { MessagingInput } from '../options.js';

/** Options of {@link bootMessaging}. */
export interface BootOptions {
  plugins?: unknown[];
  options?: MessagingInput;
  now?: string;
  store?: DataStore;
  timeZone?: string;
}

const DEFAULTS: MessagingInput = { publicUrl: 'https://crm.example.com', quietHours: false };

/** Boots customers + messaging (and any other plugins) on a manual clock; quiet hours off unless given. */
export async function bootMessaging(options: BootOptions = {}): Promise<TestKernel> {
  return createTestKernel({
    plugins: [
      customers({ currency: 'EUR' }),
      messaging({ ...DEFAULTS, ...options.options }),
      ...((options.plugins ?? []) as never[]),
    ],
    now: options.now ?? '2026-06-01T10:00:00.000Z',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(options.store ? { store: options.store } : {}),
  });
}

/** Boots customers + messaging behind the HTTP server, with a key per role. */
export function bootMessagingServer(options: BootOptions = {}) {
  return createTestServer({
    plugins: [
      customers({ currency: 'EUR' }),
      messaging({ ...DEFAULTS, ...options.options }),
      ...((options.plugins ?? []) as never[]),
    ],
    now: options.now ?? '2026-06-01T10:00:00.000Z',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    keys: {
      admin: ['admin'],
      messagingAdmin: ['messagingAdmin'],
      agent: ['agent'],
      viewer: ['viewer'],
    },
  });
}

let serial = 0;

/** Creates a person customer as the admin, with a unique e-mail and phone unless given. */
export async function customer(
  t: TestKernel,
  input: Partial<Customer> & { timeZone?: string } = {},
): Promise<CustomerRecord> {
  serial += 1;
  return (await t.data<Customer>('customer').create({
    kind: 'person',
    name: `Customer ${serial}`,
    email: `customer${serial}@example.com`,
    phone: `+4915112${String(100_000 + serial).slice(-6)}`,
    ...input,
  } as Customer)) as CustomerRecord;
}

/** Creates a default log-adapter account for a channel. */
export async function logAccount(
  t: TestKernel,
  channel: ChannelAccount['channel'] = 'email',
  input: Partial<ChannelAccount> = {},
): Promise<ChannelAccountRecord> {
  return (await t.data<ChannelAccount>('channelAccount').create({
    name: `${channel} (log)`,
    channel,
    adapter: 'log',
    from: channel === 'email' ? 'news@example.com' : '+4930000000',
    isDefault: true,
    ...input,
  })) as ChannelAccountRecord;
}
