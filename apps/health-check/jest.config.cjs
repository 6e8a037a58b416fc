/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'health-check',
  rootDir: __dirname,
  globalSetup: '<rootDir>/test/support/global-setup.cjs',
  testTimeout: 30_000,
};
