/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'protocol-anthropic',
  rootDir: __dirname,
};
