// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'test-results/', 'web/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // src/core is pure domain logic: no I/O, no framework, no database (STYLE.md).
    files: ['src/core/**/*.ts'],
    // Tests beside the code read their fixtures from disk; the code itself may not.
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['fastify', 'fastify/*', '@fastify/*'], message: 'src/core must not depend on HTTP.' },
            { group: ['kysely', 'pg', 'better-sqlite3'], message: 'src/core must not touch the database.' },
            {
              group: ['node:fs', 'node:fs/*', 'fs', 'node:net', 'node:http', 'node:child_process'],
              message: 'src/core does no I/O.',
            },
            {
              group: ['**/db/**', '**/features/**', '**/http/**', '**/cli/**'],
              message: 'src/core depends on nothing outside core.',
            },
          ],
        },
      ],
    },
  },
  {
    // The portal (web/src): the rules of hooks, and React Compiler's checks of purity during render.
    files: ['web/src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    // Generated from the OpenAPI document (npm run gen:api): a tuple union such as [n] | [n, n] comes out as
    // number[] | number[], which says the same thing twice but is not ours to tidy.
    files: ['web/src/api/schema.d.ts'],
    rules: { '@typescript-eslint/no-duplicate-type-constituents': 'off' },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
