import { defineConfig } from 'vitest/config';

/**
 * One vitest run over every backend workspace; each project keeps its own tsconfig for decorators.
 * Files and tests run in a shuffled order (the seed is printed; repeat an order with `--sequence.seed=<seed>`),
 * so a test that leans on another's data fails here rather than by chance later.
 */
export default defineConfig({
  test: {
    projects: ['server', 'worker'],
    sequence: { shuffle: true },
  },
});
