// Builds apps/gateway/dist/main.js (the bundle users run) when it is missing or older than the
// gateway's or the libs' sources, so the docs examples always run against the current code.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const repo = join(__dirname, '..', '..', '..');
const bundle = join(repo, 'apps', 'gateway', 'dist', 'main.js');

function newestSource(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

module.exports = async function globalSetup() {
  const sources = [
    join(repo, 'apps', 'gateway', 'src'),
    ...readdirSync(join(repo, 'libs')).map((lib) => join(repo, 'libs', lib, 'src')),
  ];
  const newest = Math.max(...sources.map(newestSource));
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= newest) return;
  const result = spawnSync('npx', ['tsup'], {
    cwd: join(repo, 'apps', 'gateway'),
    encoding: 'utf8',
  });
  if (result.status !== 0)
    throw new Error(`building the gateway failed:\n${result.stdout}\n${result.stderr}`);
};
