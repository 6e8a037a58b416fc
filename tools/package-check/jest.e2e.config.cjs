/**
 * The package-check `e2e` target: publishes the built libraries to a local verdaccio, installs
 * them into a fresh project and runs them there and in headless Chromium. It depends on the four
 * libraries' `build` (see package.json).
 * @type {import('jest').Config}
 */
module.exports = {
  ...require('../../jest.e2e-preset.cjs'),
  displayName: 'package-check e2e',
  rootDir: __dirname,
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/out-tsc/', '/consumer/'],
  testTimeout: 180_000,
};
