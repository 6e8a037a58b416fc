import nx from '@nx/eslint-plugin';

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
              onlyDependOnLibsWithTags: [],
              allowedExternalImports: ['google-auth-library', 'zod', 'node:*'],
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
    files: ['libs/translator/src/**/*.ts', 'libs/protocol-*/src/**/*.ts'],
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
    // Build and test configuration files are tooling, not package code.
    files: ['**/tsup.config.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
