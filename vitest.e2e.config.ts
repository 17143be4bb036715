import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension in real Chromium and Firefox, one browser at a time
// (two cores), with budgets that leave room for a cold browser start.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
