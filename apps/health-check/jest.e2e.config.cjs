/** The health-check's `e2e` target: specs that run the built CLI against the built gateway. */
/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.e2e-preset.cjs'),
  displayName: 'health-check e2e',
  rootDir: __dirname,
  globalSetup: '<rootDir>/e2e/support/global-setup.cjs',
  testTimeout: 30_000,
};
