/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'docs-check',
  rootDir: __dirname,
  testTimeout: 180_000,
};
