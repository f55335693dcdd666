import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'test/**/*.test.ts',
      // The portal: component and logic tests, the API drift check, and browser tests (e2e/, Chromium).
      'web/**/*.test.{ts,tsx}',
      'e2e/**/*.e2e.test.ts',
    ],
    globalSetup: ['test/global-setup.ts', 'e2e/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
