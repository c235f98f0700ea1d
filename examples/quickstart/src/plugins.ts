import { definePlugin, type PluginInstance, users } from '@rapport/core';
import { bsc } from '@rapport/plugin-bsc';
import { campaigns } from '@rapport/plugin-campaigns';
import { customers } from '@rapport/plugin-customers';
import { loyalty } from '@rapport/plugin-loyalty';
import { messaging } from '@rapport/plugin-messaging';
import { sales } from '@rapport/plugin-sales';
import { tickets } from '@rapport/plugin-tickets';
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
 * The sales roles read the user directory: the console shows owners by name and offers them
 * when a deal changes hands (`user` is a privileged resource, so `*:read` does not reach it).
 */
const salesPeople = definePlugin({
  id: 'quickstartPeople',
  version: '0.0.0',
  description: 'Lets the sales roles read the user directory.',
  dependsOn: ['users', 'sales'],
  register(ctx) {
    for (const role of ['salesRep', 'salesManager']) ctx.access.grant(role, ['user:read']);
  },
});

/** Every first-party plugin that exists (customers, sales, messaging, tickets, loyalty, campaigns, bsc), user accounts, plus the demo data; the quickstart's composition. */
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
    salesPeople(),
    channels,
    tickets({ publicUrl }),
    loyalty(region),
    campaigns({ publicUrl }),
    bsc(),
    demoData(demo),
  ] as PluginInstance<never>[];
}
