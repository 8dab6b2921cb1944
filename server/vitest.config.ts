import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 has no `exports`: Node loads index.js (CJS) for type-graphql and Apollo, while Vite would pick
    // the `module` entry (index.mjs) for our sources — two graphql instances ("another module or realm").
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    name: 'server',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    // Tests of a file run in a shuffled order (the root config prints the seed): none may lean on another's data.
    sequence: { shuffle: true },
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
