import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest/results.json' },
    // Load the workspace packages natively, as `rapport.config.ts` (through jiti) does: one copy of
    // @rapport/core per process, so its error classes and plugins are the same objects on both sides.
    server: { deps: { external: [/\/(packages|plugins)\/[^/]+\/dist\//] } },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
