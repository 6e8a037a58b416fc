/**
 * The tests run the built CLI and the built gateway as child processes. Build the CLI every
 * time (it is what is under test) and the gateway when its bundle is missing.
 */
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

module.exports = async function globalSetup() {
  const root = join(__dirname, '..', '..', '..', '..');
  const tsup = join(root, 'node_modules', '.bin', 'tsup');
  execFileSync(tsup, [], { cwd: join(root, 'apps', 'health-check'), stdio: 'ignore' });
  if (!existsSync(join(root, 'apps', 'gateway', 'dist', 'main.js'))) {
    execFileSync(tsup, [], { cwd: join(root, 'apps', 'gateway'), stdio: 'ignore' });
  }
};
