/** The gateway's `e2e` target: specs that run the built bundle (dist/main.js). */
/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.e2e-preset.cjs'),
  displayName: 'gateway e2e',
  rootDir: __dirname,
};
