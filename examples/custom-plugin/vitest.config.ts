import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Correctness tests, not timings: CI machines are shared and often loaded.
    testTimeout: 30_000,
    include: ['src/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest/results.json' },
  },
});
