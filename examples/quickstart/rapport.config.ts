// The quickstart deployment: every first-party plugin on the embedded store, demo data on first
// start. `pnpm start` at the repository root runs `rapport serve` with this file.
import { defineConfig } from '@rapport/cli';
import { lowdbStore } from '@rapport/store-lowdb';
import { quickstartPlugins } from './dist/index.js';

export const config = defineConfig((env) => ({
  store: () => lowdbStore({ dir: env.RAPPORT_DATA_DIR ?? 'data' }),
  plugins: quickstartPlugins(
    {
      customers: Number(env.RAPPORT_DEMO_CUSTOMERS ?? 1000),
      deals: Number(env.RAPPORT_DEMO_DEALS ?? 2000),
      // The demo sales team signs in with this password; unset, they have none.
      ...(env.RAPPORT_DEMO_PASSWORD ? { password: env.RAPPORT_DEMO_PASSWORD } : {}),
    },
    // National phone numbers (`030 1234567`) need a region; the demo data is international.
    // Unsubscribe links in marketing e-mail point at RAPPORT_PUBLIC_URL (default http://localhost:3000).
    {
      ...(env.RAPPORT_DEFAULT_REGION ? { defaultRegion: env.RAPPORT_DEFAULT_REGION } : {}),
      ...(env.RAPPORT_PUBLIC_URL ? { publicUrl: env.RAPPORT_PUBLIC_URL } : {}),
    },
  ),
  // Where "this month" and "this quarter" of the sales reports begin (IANA name, default UTC).
  timeZone: env.RAPPORT_TIME_ZONE ?? 'UTC',
  server: { port: Number(env.PORT ?? 3000), title: 'Rapport quickstart' },
}));
