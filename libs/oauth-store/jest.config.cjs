/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'oauth-store',
  rootDir: __dirname,
};
