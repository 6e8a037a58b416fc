/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'docs-check',
  rootDir: __dirname,
  // Builds apps/gateway/dist/main.js once if it is missing (the examples run against the real bundle).
  globalSetup: '<rootDir>/test/global-setup.cjs',
  testTimeout: 180_000,
};
