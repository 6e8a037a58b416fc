#!/usr/bin/env node
// Runs the workspace's own nx with the settings every script needs: no Nx Cloud, no daemon,
// plain output. Used by the root npm scripts so that `npm test` behaves the same on a laptop
// and in CI.
//
// nx's own output (task list, build logs, "read from cache") goes to stderr: every root script
// that prints a result runs its nx build first (`npm run --silent health-check -- --json | jq .`,
// the gateway's JSON log lines of `npm start`), and stdout must carry only that result.
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
  stdio: ['inherit', process.stderr, 'inherit'],
  env,
});
process.exit(result.status ?? 1);
