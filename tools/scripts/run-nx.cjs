#!/usr/bin/env node
// Runs the workspace's own nx with the settings every script needs: no Nx Cloud, no daemon,
// plain output. Used by the root npm scripts so that `npm test` behaves the same on a laptop
// and in CI.
'use strict';
const { spawnSync } = require('node:child_process');

const env = {
  ...process.env,
  NX_NO_CLOUD: 'true',
  NX_DAEMON: 'false',
  NX_TUI: 'false',
  NX_INTERACTIVE: 'false',
  NX_SKIP_NX_CACHE: process.env.NX_SKIP_NX_CACHE ?? '',
};
const nx = require.resolve('nx/bin/nx.js');
const result = spawnSync(process.execPath, [nx, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
