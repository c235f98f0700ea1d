import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest/results.json' },
    // Each test boots the whole composition and seeds it: seconds when CI runs every package at once.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
