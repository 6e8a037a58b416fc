/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'protocol-gemini',
  rootDir: __dirname,
};
