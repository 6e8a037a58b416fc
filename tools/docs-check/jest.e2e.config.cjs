/** docs-check's `e2e` target: the API examples and the Dockerfile replay, run with the real bundle. */
/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.e2e-preset.cjs'),
  displayName: 'docs-check e2e',
  rootDir: __dirname,
  // Builds apps/gateway/dist/main.js if it is missing or stale (when run outside nx).
  globalSetup: '<rootDir>/e2e/global-setup.cjs',
  testTimeout: 180_000,
};
