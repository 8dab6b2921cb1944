import { defineConfig } from 'vitest/config';

/** One vitest run over every backend workspace; each project keeps its own tsconfig for decorators. */
export default defineConfig({
  test: {
    projects: ['server', 'worker'],
  },
});
