/**
 * Jest settings of the `e2e` targets: the specs in a project's `e2e/` folder, which run a built
 * program (the gateway bundle, the health-check CLI, the published packages). The target depends
 * on the builds it needs (see the project's package.json), and `npm test` runs it after the
 * unit tests' `test` targets.
 * @type {import('jest').Config}
 */
module.exports = {
  ...require('./jest.preset.cjs'),
  roots: ['<rootDir>/e2e'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/out-tsc/'],
};
