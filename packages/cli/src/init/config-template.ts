/**
 * The `rapport.config.ts` that `rapport init` writes: a store, plugins and server settings, with
 * secrets and connection URLs read from the environment, and the other stores in comments.
 */
export const CONFIG_TEMPLATE = `import { defineConfig } from '@rapport/cli';
import { memoryStore } from '@rapport/core';
// The embedded store keeps everything in one data folder (one process at a time):
//   pnpm add @rapport/store-lowdb
// import { lowdbStore } from '@rapport/store-lowdb';
// PostgreSQL, for several server processes and large data sets:
//   pnpm add @rapport/store-postgres
// import { postgresStore } from '@rapport/store-postgres';
// Plugins add entities, routes and rules, for example:
// import { customers } from '@rapport/plugin-customers';
// import { sales } from '@rapport/plugin-sales';

/**
 * A Rapport deployment. \`env\` is the process environment: read secrets and connection URLs from it
 * (DATABASE_URL, ...) so none is written here. PORT, HOST and RAPPORT_LOG_LEVEL override the
 * values below; RAPPORT_ADMIN_KEY (rk_...) becomes the first admin key on the first start.
 * RAPPORT_SECRET (32+ characters, or kid:secret pairs newest first) signs the links customers
 * open; without it one is generated on the first start and kept in the store.
 */
export const config = defineConfig((env) => ({
  // A factory, so commands such as \`rapport migrate\` can make fresh instances.
  // memoryStore() forgets everything on exit: switch to lowdb or PostgreSQL for real data.
  store: () => memoryStore(),
  // store: () => lowdbStore({ dir: env.RAPPORT_DATA_DIR ?? 'data' }),
  // store: () => postgresStore({ url: env.DATABASE_URL ?? 'postgres://localhost:5432/rapport' }),

  plugins: [
    // customers(),
    // sales({ pipeline: 'b2b' }),
  ],

  // The IANA time zone of the deployment: where reports' days, weeks, months and quarters begin.
  timeZone: env.RAPPORT_TIME_ZONE ?? 'UTC',

  server: {
    port: Number(env.PORT ?? 3000),
    hostname: env.HOST ?? '127.0.0.1',
    title: 'Rapport CRM',
  },

  // Roles beyond admin, manager, agent and viewer:
  // access: { roles: { support: ['customer:read', 'ticket:*'] } },

  // Demo data for \`rapport seed\` (make it idempotent: it may run twice).
  // SYSTEM_ACTOR comes from '@rapport/core'.
  // async seed(kernel) {
  //   const customers = kernel.data('customer', { actor: SYSTEM_ACTOR });
  //   if ((await customers.count()) === 0) await customers.create({ name: 'ACME' });
  // },
}));
`;
