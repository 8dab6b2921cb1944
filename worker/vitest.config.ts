import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // One graphql instance: see server/vitest.config.ts.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    name: 'worker',
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // Tests of a file run in a shuffled order (the root config prints the seed): none may lean on another's data.
    sequence: { shuffle: true },
    globalSetup: ['../server/test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
