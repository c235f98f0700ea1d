import { definePlugin, type PluginInstance, users } from '@rapport/core';
import { bsc } from '@rapport/plugin-bsc';
import { campaigns } from '@rapport/plugin-campaigns';
import { customers } from '@rapport/plugin-customers';
import { loyalty } from '@rapport/plugin-loyalty';
import { messaging } from '@rapport/plugin-messaging';
import { sales } from '@rapport/plugin-sales';
import { tickets } from '@rapport/plugin-tickets';
import { webhooks } from '@rapport/plugin-webhooks';
import { type DemoDataOptions, demoData } from './demo-data-plugin.js';

/** What a deployment of the quickstart may set beside its demo data. */
export interface QuickstartOptions {
  /**
   * The ISO 3166 region national phone numbers are read in (`DE` reads `030 1234567` as
   * +49301234567); without it only international numbers (`+49 30 1234567`) are accepted.
   */
  defaultRegion?: string;
  /**
   * The server's public URL (`https://crm.example.com`): unsubscribe links in marketing e-mail
   * and the tickets' progress and rating links point there. Default `http://localhost:3000`, where `pnpm start` serves.
   */
  publicUrl?: string;
}

/**
 * The quickstart's access, beside the plugins' own: the sales roles read the user directory (the
 * console shows owners by name and offers them when a deal changes hands; `user` is a privileged
 * resource, so `*:read` does not reach it); a viewer never sees a customer's phone number or
 * e-mail address (nor filters, sorts or groups by them); and only managers (`manager`,
 * `salesManager`, admins) change a deal's probability: reps and agents see it, and their stage
 * moves still set it.
 */
const quickstartAccess = definePlugin({
  id: 'quickstartAccess',
  version: '0.0.0',
  description:
    "Lets the sales roles read the user directory; hides customers' phone and e-mail from viewers; only managers change a deal's probability.",
  dependsOn: ['users', 'customers', 'sales'],
  register(ctx) {
    for (const role of ['salesRep', 'salesManager']) ctx.access.grant(role, ['user:read']);
    ctx.access.fields('viewer', { customer: { hidden: ['phone', 'email'] } });
    for (const role of ['agent', 'salesRep'])
      ctx.access.fields(role, { deal: { readOnly: ['probability'] } });
  },
});

/**
 * Every first-party plugin that exists (customers, sales, messaging, tickets, loyalty,
 * campaigns, bsc, webhooks), user accounts, plus the demo data; the quickstart's composition. Webhooks start with
 * no subscriptions: an integrator adds them (docs/integration.md).
 */
export function quickstartPlugins(
  demo: Partial<DemoDataOptions> = {},
  options: QuickstartOptions = {},
): PluginInstance<never>[] {
  const region = options.defaultRegion ? { defaultRegion: options.defaultRegion } : {};
  // Messaging uses the log adapter: nothing leaves the machine.
  const publicUrl = options.publicUrl ?? 'http://localhost:3000';
  const channels = messaging({ ...region, publicUrl });
  return [
    users(),
    customers(region),
    sales(),
    quickstartAccess(),
    channels,
    tickets({ publicUrl }),
    loyalty(region),
    campaigns({ publicUrl }),
    bsc(),
    webhooks(),
    demoData(demo),
  ] as PluginInstance<never>[];
}
