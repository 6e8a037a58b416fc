#!/usr/bin/env node
// `npm run release -- [specifier] [--dry-run] [nx release options]`: versions the four published
// libraries together (one version, `v{version}` tags), writes CHANGELOG.md from the commits since
// the last tag, and publishes them. See docs/releasing.md.
//
// It is `nx release` with two things decided for us:
//  - before the first `v*` tag exists there is nothing to compare with, so `--first-release` is
//    added (nx asks for it otherwise);
//  - with `--dry-run` and no specifier, the version comes from the commits (conventional commits:
//    feat → minor, fix → patch) and nothing is written, committed, tagged or published.
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const args = process.argv.slice(2);

function hasReleaseTag() {
  try {
    const tags = execFileSync('git', ['tag', '--list', 'v*'], { cwd: root, encoding: 'utf8' });
    return tags.trim() !== '';
  } catch {
    return false;
  }
}

if (!hasReleaseTag() && !args.includes('--first-release')) args.push('--first-release');
// Never prompt: CI has no terminal, and a person passes a specifier or relies on the commits.
if (!args.includes('--yes') && !args.includes('-y')) args.push('--yes');

// run-nx.cjs: the workspace's nx, no Nx Cloud, no daemon, plain output.
const result = spawnSync(
  process.execPath,
  [path.join(__dirname, 'run-nx.cjs'), 'release', ...args],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
