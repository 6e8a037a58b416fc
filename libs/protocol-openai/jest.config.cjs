/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'protocol-openai',
  rootDir: __dirname,
};
