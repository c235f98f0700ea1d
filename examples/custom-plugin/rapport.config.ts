// The custom-plugin example: the NPS plugin composed with customers on the embedded store.
// `pnpm --filter @rapport/example-custom-plugin start` builds it and runs `rapport serve` with this file.
import { defineConfig } from '@rapport/cli';
import { customers } from '@rapport/plugin-customers';
import { lowdbStore } from '@rapport/store-lowdb';
import { nps } from './dist/index.js';

export const config = defineConfig((env) => ({
  store: () => lowdbStore({ dir: env.RAPPORT_DATA_DIR ?? 'data' }),
  plugins: [customers(), nps()],
  timeZone: env.RAPPORT_TIME_ZONE ?? 'UTC',
  server: { port: Number(env.PORT ?? 3000), title: 'Rapport NPS example' },
}));
