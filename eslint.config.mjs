import nx from '@nx/eslint-plugin';
import * as jsoncParser from 'jsonc-eslint-parser';
import { fileURLToPath } from 'node:url';

/**
 * The repository root. Blocks whose `files` name projects (`libs/translator/…`) set it as their
 * `basePath`, so they also apply when nx lints from a project folder (its eslint.config.mjs
 * imports this one, and patterns would otherwise be relative to that folder).
 */
const ROOT = fileURLToPath(new URL('.', import.meta.url));

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'process',
  'readline',
  'stream',
  'tls',
  'url',
  'util',
  'vm',
  'worker_threads',
  'zlib',
];

/** Files of a project that are not part of what it ships (for @nx/dependency-checks). */
const NOT_SHIPPED = [
  '{projectRoot}/eslint.config.mjs',
  '{projectRoot}/tsup.config.ts',
  '{projectRoot}/jest*.config.cjs',
  '{projectRoot}/**/*.spec.ts',
  '{projectRoot}/test/**',
  '{projectRoot}/e2e/**',
  '{projectRoot}/console/build-console.ts',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/node_modules', '**/coverage', '.nx'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'scope:lib',
              onlyDependOnLibsWithTags: ['scope:lib'],
              bannedExternalImports: ['express', 'winston'],
            },
            {
              sourceTag: 'type:protocol',
              onlyDependOnLibsWithTags: [],
              allowedExternalImports: ['zod', 'eventsource-parser'],
            },
            {
              sourceTag: 'type:translator',
              onlyDependOnLibsWithTags: ['type:protocol'],
              allowedExternalImports: ['zod'],
            },
            {
              sourceTag: 'type:auth',
              onlyDependOnLibsWithTags: ['type:protocol'],
              allowedExternalImports: ['google-auth-library', 'zod', 'node:*'],
            },
            {
              sourceTag: 'type:config',
              onlyDependOnLibsWithTags: [],
              bannedExternalImports: ['*'],
            },
            { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['scope:lib'] },
            { sourceTag: 'scope:tool', onlyDependOnLibsWithTags: ['scope:lib', 'scope:tool'] },
          ],
        },
      ],
    },
  },
  {
    // The translator and the protocol packages run in any JavaScript runtime.
    basePath: ROOT,
    files: [
      'libs/translator/src/**/*.ts',
      'libs/protocol-*/src/**/*.ts',
      'libs/env-file/src/**/*.ts',
    ],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['node:*'], message: 'Runtime-neutral package: no Node built-ins.' }],
          paths: NODE_BUILTINS.map((name) => ({
            name,
            message: 'Runtime-neutral package: no Node built-ins.',
          })),
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require'],
    },
  },
  {
    // Tests (test/, e2e/) may also use the emulator (a tool); nothing may import an app.
    files: ['**/*.spec.ts', '**/test/**/*.ts', '**/e2e/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          depConstraints: [
            { sourceTag: 'scope:lib', onlyDependOnLibsWithTags: ['scope:lib', 'scope:tool'] },
            { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['scope:lib', 'scope:tool'] },
            { sourceTag: 'scope:tool', onlyDependOnLibsWithTags: ['scope:lib', 'scope:tool'] },
          ],
        },
      ],
    },
  },
  {
    // A package's manifest matches its imports: every import of its production files is a
    // dependency (or peer), nothing listed is unused, versions match what is installed.
    files: ['**/package.json'],
    languageOptions: { parser: jsoncParser },
    rules: {
      '@nx/dependency-checks': [
        'error',
        {
          ignoredFiles: NOT_SHIPPED,
        },
      ],
    },
  },
  {
    // Apps and tools bundle the workspace libraries from source (tools/scripts/tsup-presets.ts),
    // so the libraries' own dependencies must stay external, hence listed in the app's manifest.
    basePath: ROOT,
    files: ['apps/*/package.json', 'tools/*/package.json'],
    rules: {
      '@nx/dependency-checks': [
        'error',
        {
          includeTransitiveDependencies: true,
          // A source-only private library (no build target), which the rule does not count.
          ignoredDependencies: ['@geminicli2api/env-file'],
          ignoredFiles: NOT_SHIPPED,
        },
      ],
    },
  },
  {
    // Build and test configuration files are tooling, not package code.
    files: ['**/tsup.config.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
