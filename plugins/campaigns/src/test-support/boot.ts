import type { DataStore, PluginInstance } from '@rapport/core';
import { type Customer, customers } from '@rapport/plugin-customers';
import { messaging } from '@rapport/plugin-messaging';
import { createTestKernel, type TestKernel } from '@rapport/testing';
import { campaigns } from '../campaigns-plugin.js';
import type { CampaignsInput } from '../options.js';
import { CAMPAIGNS, type CampaignsService } from '../service.js';

/** A booted kernel with the campaigns service, log accounts for e-mail and SMS and a `spring` template on each. */
export interface CampaignsTest extends TestKernel {
  service: CampaignsService;
  /** Creates `n` customers named `C<n>` with e-mail `c<n>@example.com` (n counting up across calls) (and the extra fields). */
  customers(n: number, fields?: (i: number) => Partial<Customer>): Promise<string[]>;
  /** Records a marketing consent `in` on a channel for each customer. */
  consent(ids: readonly string[], channel?: 'email' | 'sms'): Promise<void>;
}

/** Options of {@link bootCampaigns}. */
export interface BootOptions {
  store?: DataStore;
  now?: string;
  timeZone?: string;
  campaigns?: CampaignsInput;
  /** Messaging options beyond the defaults (quiet hours off). */
  messaging?: Record<string, unknown>;
  /** Plugins before campaigns (sales, loyalty, tickets, a fault injector). */
  // biome-ignore lint/suspicious/noExplicitAny: plugins of any options
  plugins?: PluginInstance<any>[];
  /** Create the log accounts and the `spring` templates (default true; false on a reopened store). */
  seedAccounts?: boolean;
}

/** Log accounts for e-mail and SMS, and a `spring` marketing template on each. */
async function seedAccounts(t: TestKernel): Promise<void> {
  await t.data('channelAccount').create({
    name: 'Mail',
    channel: 'email',
    adapter: 'log',
    from: 'shop@example.com',
    isDefault: true,
  });
  await t
    .data('channelAccount')
    .create({ name: 'SMS', channel: 'sms', adapter: 'log', from: '+4930111222', isDefault: true });
  await t.data('messageTemplate').create({
    key: 'spring',
    channel: 'email',
    locale: 'en',
    purpose: 'marketing',
    subject: 'Spring news',
    text: 'Hello {{customer.name}}, spring is here.',
  });
  await t.data('messageTemplate').create({
    key: 'spring',
    channel: 'sms',
    locale: 'en',
    purpose: 'marketing',
    text: 'Spring is here, {{customer.name}}.',
  });
}

/** Boots customers + messaging (+ `plugins`) + campaigns on a manual clock. */
export async function bootCampaigns(options: BootOptions = {}): Promise<CampaignsTest> {
  const t = await createTestKernel({
    plugins: [
      customers({ currency: 'EUR', defaultRegion: 'DE' }),
      messaging({ publicUrl: 'https://crm.example.com', quietHours: false, ...options.messaging }),
      ...(options.plugins ?? []),
      campaigns(options.campaigns ?? {}),
    ],
    now: options.now ?? '2026-06-01T10:00:00.000Z',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(options.store ? { store: options.store } : {}),
  });
  if (options.seedAccounts !== false) await seedAccounts(t);
  let made = 0;
  const make = async (n: number, fields: (i: number) => Partial<Customer> = () => ({})) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const number = made++;
      const c = await t.data<Customer>('customer').create({
        kind: 'person',
        name: `C${number}`,
        email: `c${number}@example.com`,
        ...fields(i),
      });
      ids.push(c.id);
    }
    return ids;
  };
  const consent = async (ids: readonly string[], channel: 'email' | 'sms' = 'email') => {
    for (const customerId of ids) {
      await t
        .data('consent')
        .create({ customerId, channel, purpose: 'marketing', state: 'in', source: 'form' });
    }
  };
  return Object.assign(t, { service: t.kernel.resolve(CAMPAIGNS), customers: make, consent });
}
