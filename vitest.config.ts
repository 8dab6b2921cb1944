import { defineConfig } from 'vitest/config';

/**
 * One vitest run over every backend workspace; each project keeps its own tsconfig for decorators.
 * Files and tests run in a shuffled order (seed 20261204 unless VITEST_SEED is set; the seed is printed),
 * so a test that leans on another's data fails here rather than by chance later.
 */
export default defineConfig({
  test: {
    projects: ['server', 'worker'],
    // A fixed default seed keeps CI reproducible; VITEST_SEED=<n> (or --sequence.seed) explores other orders.
    sequence: { shuffle: true, seed: Number(process.env.VITEST_SEED) || 20261204 },
  },
});
