/**
 * Shared jest settings. Sibling workspace packages resolve to their TypeScript sources through
 * the `@geminicli2api/source` export condition, so tests never need a prior build and a stale
 * `dist` can never mask a change.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['**/?(*.)+(spec|test).ts'],
  // `e2e/` holds the specs that run a built program; they are the `e2e` target
  // (jest.e2e.config.cjs, which depends on the build), so `test` never waits for a build.
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/out-tsc/', '<rootDir>/e2e/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'cjs', 'mjs', 'json'],
  testEnvironmentOptions: {
    customExportConditions: ['@geminicli2api/source', 'node', 'require', 'default'],
  },
};
